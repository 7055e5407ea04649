package dev.orchestration.bench;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups the texts of a pair file into questions the data set itself says are the same:
 * texts identical up to case, punctuation and spacing, joined transitively by every pair
 * labelled same-meaning (union-find).
 */
final class SameQuestionGroups {

	private final Map<String, String> parent = new HashMap<>();

	SameQuestionGroups(List<LabelledPair> pairs) {
		for (LabelledPair pair : pairs) {
			if (pair.sameMeaning()) {
				union(normalise(pair.first()), normalise(pair.second()));
			}
		}
	}

	/**
	 * Returns the group key of a text; two texts ask the same question (per the data)
	 * when their keys are equal.
	 */
	String groupOf(String text) {
		return find(normalise(text));
	}

	static String normalise(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
	}

	private String find(String key) {
		String root = key;
		while (true) {
			String up = this.parent.get(root);
			if (up == null || up.equals(root)) {
				break;
			}
			root = up;
		}
		// path compression
		String node = key;
		while (!node.equals(root)) {
			String up = this.parent.get(node);
			this.parent.put(node, root);
			node = up;
		}
		return root;
	}

	private void union(String a, String b) {
		String rootA = find(a);
		String rootB = find(b);
		if (!rootA.equals(rootB)) {
			this.parent.put(rootA, rootB);
		}
	}

}
