//! The embedded gazetteer: build (`sitrep setup`), import, on-disk format, lookup, spatial index.
//!
//! - [`name_key`] is THE folding function for place names (see its rules).
//! - [`Builder`] builds a [`Gazetteer`] in memory; [`Gazetteer::write`] / [`Gazetteer::open`]
//!   store and load it (one file, `gazetteer.bin`, format version [`FORMAT_VERSION`]).
//! - [`setup`] builds the default gazetteer from registry packages; [`import`] adds GeoNames
//!   dumps and Who's On First repositories.
#![deny(missing_docs)]

mod key;
mod store;

pub mod eval;
mod geonames;
mod natural_earth;
mod setup;
mod wof;

pub use key::{name_key, with_name_key};
pub use setup::{import, setup, setup_force, ImportReport, SetupReport, PACKAGES};
pub use store::{haversine_km, Builder, Gazetteer, Record, RecordId, FILE_NAME, FORMAT_VERSION};

use std::path::{Path, PathBuf};

/// Errors of the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No gazetteer at the location.
    #[error("no gazetteer at {0} (run `sitrep setup` first)")]
    Missing(PathBuf),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The gazetteer file is damaged.
    #[error("{0}: damaged gazetteer file ({1}); run `sitrep setup` again")]
    Corrupt(PathBuf, String),
    /// The gazetteer file was written by another version of sitrep.
    #[error("{path}: gazetteer format version {found}, this sitrep reads {expected}; run `sitrep setup` again")]
    Version {
        /// The file.
        path: PathBuf,
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// A source file (dump, archive, package) could not be read.
    #[error("{path}: {message}")]
    Source {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Downloading the source package failed.
    #[error("download failed: {0}")]
    Download(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
    pub(crate) fn source(path: &Path, message: impl Into<String>) -> Error {
        Error::Source {
            path: path.to_path_buf(),
            message: message.into(),
        }
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
