"""The Hugo site of the benchmark corpus: configuration and minimal templates, so Hugo
builds the same Markdown as `handbook` with the usual client-search output."""

HUGO_CONFIG = """\
baseURL = "/"
title = "Generated Practice Handbook"
locale = "en-gb"
uglyURLs = true
relativeURLs = true
disableKinds = ["rss", "sitemap", "robotstxt"]

[taxonomies]
tag = "tags"
organisation = "organisation"
grade = "grade"

[outputs]
home = ["html", "json"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]

# Resolve links to .md files (and their #anchors) to the pages' URLs, like handbook does.
[markup.goldmark.renderHooks.link]
useEmbedded = "fallback"
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
{{ with .Parent }}<nav aria-label="Breadcrumb"><a href="{{ .RelPermalink }}">{{ .Title }}</a></nav>{{ end }}
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ with .Params.tags }}<ul>{{ range . }}<li><a href="{{ (urlize .) | printf "/tags/%s.html" | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
{{ with .Params.person_spec }}<table><tr><th>Criterion</th><th>Need</th><th>Assessed by</th></tr>
{{ range . }}<tr><td>{{ .text }}</td><td>{{ .need }}</td><td>{{ delimit (.assessed_by | default slice) ", " }}</td></tr>{{ end }}</table>{{ end }}
{{ with .Params.items }}<ul>{{ range . }}<li id="{{ .id }}">{{ .name }}{{ with .summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.terms }}<dl>{{ range . }}<dt id="{{ .id }}">{{ .term }}</dt><dd>{{ .definition }}</dd>{{ end }}</dl>{{ end }}
{{ with .Params.outcomes }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.sessions }}<ol>{{ range . }}<li>{{ .minutes }} min: {{ .activity }}</li>{{ end }}</ol>{{ end }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    # One JSON object per page, written in a single pass (appending to a slice in a loop
    # would copy it on every page and make Hugo's time quadratic).
    "home.json": """\
[{{- range $i, $p := site.RegularPages -}}
{{- if $i }},{{ end -}}
{{- dict "title" .Title "url" .RelPermalink "section" .Section "summary" .Params.summary "tags" .Params.tags "organisation" .Params.organisation "grade" .Params.grade "content" .Plain | jsonify -}}
{{- end -}}]
""",
}
