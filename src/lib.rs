//! glosscheck keeps every language version of a news article consistent with a glossary
//! and with each other.
//!
//! The pipeline: load the glossary ([`glossary`]) → load versions ([`discover`],
//! [`document`]) → normalize with an offset map ([`normalize`]) → match glossary forms
//! ([`matcher`]) → find near-miss forms ([`fuzzy`]) → run checks ([`checks`]) → report
//! ([`report`]). Every stage shares the same model: [`glossary::Glossary`],
//! [`document::Document`], [`finding::Finding`].

pub mod align;
pub mod analysis;
pub mod anchors;
pub mod checks;
pub mod cli;
pub mod config;
pub mod discover;
pub mod display;
pub mod document;
pub mod drift;
pub mod engine;
pub mod fasthash;
pub mod finding;
pub mod fix;
pub mod formats;
pub mod fuzzy;
pub mod glossary;
pub mod grouping;
pub mod lang;
pub mod masking;
pub mod matcher;
pub mod memory;
pub mod normalize;
/// Public for `cold_reads` alone, which the archive benchmark reports per run.
pub mod page_cache;
pub mod policy;
mod prefetch;
mod read_ahead;
pub mod report;
mod run_cache;
pub mod segment;
mod sentence_bounds;
pub mod stage_times;
pub mod suggest;
mod utf8;
