package dev.orchestration.test.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 CSV reader: comma separated, fields optionally quoted with
 * {@code "}, {@code ""} escapes a quote, quoted fields may span lines, records end at
 * CRLF or LF outside quotes.
 */
public final class CsvReader {

	private CsvReader() {
	}

	/**
	 * Reads every record of a CSV text.
	 * @param reader the source (not closed)
	 * @return the records, header included
	 * @throws IOException on read failure or an unterminated quoted field
	 */
	public static List<List<String>> readAll(Reader source) throws IOException {
		Reader reader = source.markSupported() ? source : new BufferedReader(source, 1 << 16);
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean fieldStarted = false;
		int c;
		while ((c = reader.read()) != -1) {
			char ch = (char) c;
			if (quoted) {
				if (ch == '"') {
					reader.mark(1);
					int next = reader.read();
					if (next == '"') {
						field.append('"');
					}
					else {
						quoted = false;
						if (next != -1) {
							reader.reset();
						}
					}
				}
				else {
					field.append(ch);
				}
				continue;
			}
			switch (ch) {
				case '"' -> {
					quoted = true;
					fieldStarted = true;
				}
				case ',' -> {
					record.add(field.toString());
					field.setLength(0);
					fieldStarted = true;
				}
				case '\r' -> {
					// ignored outside quotes; LF ends the record
				}
				case '\n' -> {
					record.add(field.toString());
					field.setLength(0);
					records.add(record);
					record = new ArrayList<>();
					fieldStarted = false;
				}
				default -> {
					field.append(ch);
					fieldStarted = true;
				}
			}
		}
		if (quoted) {
			throw new IOException("unterminated quoted field at record " + (records.size() + 1));
		}
		if (fieldStarted || !record.isEmpty()) {
			record.add(field.toString());
			records.add(record);
		}
		return records;
	}

}
