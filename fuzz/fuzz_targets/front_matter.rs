//! Fuzz target: see `handbook::fuzzing::front_matter` for what it drives and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| handbook::fuzzing::front_matter(data));
