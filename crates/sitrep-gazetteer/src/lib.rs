//! The embedded gazetteer: build (`sitrep setup`), import, on-disk format, lookup, spatial index.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

/// Errors of the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No gazetteer at the location.
    #[error("no gazetteer at {0} (run `sitrep setup` first)")]
    Missing(PathBuf),
}

/// An opened gazetteer.
#[derive(Debug)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Opens the gazetteer stored in `dir`.
    pub fn open(dir: &Path) -> Result<Gazetteer, Error> {
        Err(Error::Missing(dir.to_path_buf()))
    }
}

/// The default location: `$SITREP_GAZETTEER`, else the per-user data directory.
pub fn default_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("SITREP_GAZETTEER") {
        return PathBuf::from(p);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("sitrep").join("gazetteer")
}
