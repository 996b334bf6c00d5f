//! Fuzz target: see `handbook::fuzzing::markdown` for what it drives and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| handbook::fuzzing::markdown(data));
