//! A minimal SpreadsheetML (`.xlsx`) writer: inline-string cells, a bold frozen header row,
//! several sheets. An `.xlsx` file is a zip of a few XML parts; entries are deflated with
//! `flate2` and checksummed with `crc32fast` (both already in the build), so no zip crate is
//! needed. Sheets are held in memory as XML while building (POA&M workbooks are bounded by the
//! number of findings; ~150 bytes per cell).

use std::io::{self, Write};

use flate2::Compression;
use flate2::write::DeflateEncoder;

use crate::source::escape_xml;

/// A sheet being built.
pub struct Sheet {
    name: String,
    rows: Vec<u8>,
    n: u32,
    cols: usize,
}

fn col_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + u8::try_from(i % 26).unwrap_or(0));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl Sheet {
    /// A new sheet (names are cut to Excel's 31 characters).
    #[must_use]
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        let name: String = name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        let mut s = Sheet {
            name,
            rows: Vec::new(),
            n: 0,
            cols: headers.len(),
        };
        s.row_styled(headers, 1);
        s
    }

    /// Append a row of text cells.
    pub fn row(&mut self, cells: &[&str]) {
        self.row_styled(cells, 0);
    }

    fn row_styled(&mut self, cells: &[&str], style: u8) {
        self.n += 1;
        let r = self.n;
        let _ = write!(self.rows, "<row r=\"{r}\">");
        for (i, c) in cells.iter().enumerate() {
            // Excel's cell limit is 32,767 characters.
            let text = crate::source::truncate(c, 32_000);
            let _ = write!(
                self.rows,
                "<c r=\"{}{r}\" t=\"inlineStr\"{}><is><t xml:space=\"preserve\">{}</t></is></c>",
                col_name(i),
                if style > 0 { " s=\"1\"" } else { "" },
                escape_xml(&text)
            );
        }
        self.rows.extend_from_slice(b"</row>");
    }

    fn xml(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.rows.len() + 512);
        let last = col_name(self.cols.saturating_sub(1));
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:{last}{}\"/><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"{}\" width=\"28\" customWidth=\"1\"/></cols><sheetData>",
            self.n.max(1),
            self.cols.max(1)
        );
        out.extend_from_slice(&self.rows);
        out.extend_from_slice(b"</sheetData></worksheet>");
        out
    }
}

struct Entry {
    name: String,
    crc: u32,
    size: u32,
    csize: u32,
    offset: u32,
}

fn u32_of(n: usize) -> io::Result<u32> {
    u32::try_from(n)
        .map_err(|_| io::Error::other("xlsx part larger than 4 GiB (zip64 is not supported)"))
}

/// Write a workbook of `sheets` as a zip to `w`.
///
/// # Errors
/// I/O errors, or a part over 4 GiB.
pub fn write(sheets: &[Sheet], w: &mut dyn Write) -> io::Result<()> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut ct = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let mut wb = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        ct.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        wb.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape_xml(&s.name)
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
    }
    ct.push_str("</Types>");
    wb.push_str("</sheets></workbook>");
    let styles_id = sheets.len() + 1;
    rels.push_str(&format!("<Relationship Id=\"rId{styles_id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"));
    parts.push(("[Content_Types].xml".into(), ct.into_bytes()));
    parts.push(("_rels/.rels".into(), b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec()));
    parts.push(("xl/workbook.xml".into(), wb.into_bytes()));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    parts.push(("xl/styles.xml".into(), b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs></styleSheet>".to_vec()));
    for (i, s) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), s.xml()));
    }
    let mut offset = 0usize;
    let mut entries = Vec::new();
    for (name, data) in &parts {
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data)?;
        let comp = enc.finish()?;
        let crc = crc32fast::hash(data);
        let e = Entry {
            name: name.clone(),
            crc,
            size: u32_of(data.len())?,
            csize: u32_of(comp.len())?,
            offset: u32_of(offset)?,
        };
        // Local file header. Time/date fixed at 1980-01-01 00:00 for reproducible files.
        let mut h = Vec::with_capacity(30 + name.len());
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&20u16.to_le_bytes()); // version needed
        h.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
        h.extend_from_slice(&8u16.to_le_bytes()); // deflate
        h.extend_from_slice(&0u16.to_le_bytes()); // time
        h.extend_from_slice(&0x0021u16.to_le_bytes()); // date 1980-01-01
        h.extend_from_slice(&e.crc.to_le_bytes());
        h.extend_from_slice(&e.csize.to_le_bytes());
        h.extend_from_slice(&e.size.to_le_bytes());
        h.extend_from_slice(&u16::try_from(name.len()).unwrap_or(0).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        w.write_all(&h)?;
        w.write_all(&comp)?;
        offset += h.len() + comp.len();
        entries.push(e);
    }
    let cd_start = offset;
    let mut cd = Vec::new();
    for e in &entries {
        cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        cd.extend_from_slice(&20u16.to_le_bytes()); // made by
        cd.extend_from_slice(&20u16.to_le_bytes()); // needed
        cd.extend_from_slice(&0x0800u16.to_le_bytes());
        cd.extend_from_slice(&8u16.to_le_bytes());
        cd.extend_from_slice(&0u16.to_le_bytes());
        cd.extend_from_slice(&0x0021u16.to_le_bytes());
        cd.extend_from_slice(&e.crc.to_le_bytes());
        cd.extend_from_slice(&e.csize.to_le_bytes());
        cd.extend_from_slice(&e.size.to_le_bytes());
        cd.extend_from_slice(&u16::try_from(e.name.len()).unwrap_or(0).to_le_bytes());
        cd.extend_from_slice(&[0u8; 12]); // extra, comment, disk, internal attrs (2+2+2+2) + external (4)
        cd.extend_from_slice(&e.offset.to_le_bytes());
        cd.extend_from_slice(e.name.as_bytes());
    }
    w.write_all(&cd)?;
    let n = u16::try_from(entries.len()).unwrap_or(u16::MAX);
    let mut end = Vec::new();
    end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    end.extend_from_slice(&[0u8; 4]);
    end.extend_from_slice(&n.to_le_bytes());
    end.extend_from_slice(&n.to_le_bytes());
    end.extend_from_slice(&u32_of(cd.len())?.to_le_bytes());
    end.extend_from_slice(&u32_of(cd_start)?.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    w.write_all(&end)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::col_name;

    #[test]
    fn column_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
    }
}
