package dev.orchestration.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeddings computed by an earlier run, kept in a file outside the repository
 * ({@code --vectors DIR}) so that a second run over the same data and model skips the
 * embedding; the texts themselves stay in the data file.
 */
final class VectorFile {

	private final Path file;

	private final Map<String, float[]> vectors = new HashMap<>();

	private boolean changed;

	VectorFile(Path file) {
		this.file = file;
		if (Files.isRegularFile(file)) {
			try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
				int count = in.readInt();
				for (int i = 0; i < count; i++) {
					String text = in.readUTF();
					float[] vector = new float[in.readInt()];
					for (int d = 0; d < vector.length; d++) {
						vector[d] = in.readFloat();
					}
					this.vectors.put(text, vector);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + file, ex);
			}
		}
	}

	int size() {
		return this.vectors.size();
	}

	/**
	 * An embedder that answers from the file and embeds only the texts it does not hold.
	 */
	Function<List<String>, List<float[]>> cached(Function<List<String>, List<float[]>> embedder) {
		return (texts) -> {
			List<String> missing = new ArrayList<>();
			for (String text : texts) {
				if (!this.vectors.containsKey(text) && !missing.contains(text)) {
					missing.add(text);
				}
			}
			if (!missing.isEmpty()) {
				List<float[]> embedded = embedder.apply(missing);
				for (int i = 0; i < missing.size(); i++) {
					this.vectors.put(missing.get(i), embedded.get(i));
				}
				this.changed = true;
			}
			return texts.stream().map(this.vectors::get).toList();
		};
	}

	void save() {
		if (!this.changed) {
			return;
		}
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			try (DataOutputStream out = new DataOutputStream(
					new BufferedOutputStream(Files.newOutputStream(this.file)))) {
				out.writeInt(this.vectors.size());
				for (Map.Entry<String, float[]> entry : this.vectors.entrySet()) {
					out.writeUTF(entry.getKey());
					out.writeInt(entry.getValue().length);
					for (float value : entry.getValue()) {
						out.writeFloat(value);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

}
