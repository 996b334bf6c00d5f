// Print buttons on the facilitator handout and the participant reflective log. The sheets
// print without this (the browser's Print command); the button only appears when this runs.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
