//! Output files: plain or gzipped, buffered, with byte counting for [`crate::EstateStats`].

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

/// A file being written (plain or gzip).
pub enum Sink {
    /// Uncompressed.
    Plain(BufWriter<File>),
    /// Gzip-compressed (deterministic header: no name, mtime 0). The outer buffer matters: the
    /// encoder does per-call work proportional to its output buffer, so small writes must not
    /// reach it one by one.
    Gz(BufWriter<GzEncoder<BufWriter<File>>>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gz(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gz(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gz(w) => w.flush(),
        }
    }
}

/// Create `root/rel` (and its parent directories) for writing.
///
/// # Errors
/// I/O errors creating the directories or the file.
pub fn create(root: &Path, rel: &str, gzip: Option<Compression>) -> io::Result<(Sink, PathBuf)> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let w = BufWriter::with_capacity(256 * 1024, File::create(&path)?);
    let sink = match gzip {
        Some(level) => Sink::Gz(BufWriter::with_capacity(
            256 * 1024,
            GzEncoder::new(w, level),
        )),
        None => Sink::Plain(w),
    };
    Ok((sink, path))
}

/// Finish the file and return its size on disk.
///
/// # Errors
/// I/O errors flushing or compressing.
pub fn finish(sink: Sink, path: &Path) -> io::Result<u64> {
    let mut inner = match sink {
        Sink::Plain(w) => w,
        Sink::Gz(w) => w.into_inner().map_err(|e| e.into_error())?.finish()?,
    };
    inner.flush()?;
    drop(inner);
    Ok(std::fs::metadata(path)?.len())
}
