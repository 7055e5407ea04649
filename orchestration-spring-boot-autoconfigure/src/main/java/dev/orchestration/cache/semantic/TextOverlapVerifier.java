package dev.orchestration.cache.semantic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict lexical {@link CandidateVerifier}: accepts a candidate only when both texts
 * use the same content words in the same order, with the same numbers and the same
 * negation.
 * <p>
 * Texts are lower-cased, contractions such as {@code n't} become {@code not}, words are
 * lightly stemmed (plural {@code s}/{@code es}/{@code ies}) and function words (articles,
 * auxiliaries, pronouns, common prepositions) are ignored, so "How do I reset my
 * password?" and "How can I reset the passwords?" pass, while "How do I get 100000
 * followers?" vs "... 50000 followers?", "Why do Poles dislike Russians?" vs "Why do
 * Russians dislike Poles?", "Is Python good?" vs "Is Java good?" and "Can I ..." vs
 * "Can't I ..." are rejected. It runs in microseconds, offline.
 * <p>
 * Measured effect (see docs/semantic-cache.md): on the Quora pairs it removes entity,
 * number, negation and word-order swaps, but the remaining false hits there are mostly
 * unlabelled duplicates and label noise that no lexical check can tell apart; it also
 * rejects almost every genuine rewording (GPTCache's paraphrase pairs), so it turns the
 * semantic layer into a near-exact matcher. Use it when a false hit is much costlier than
 * a miss. Thread-safe (stateless).
 */
public final class TextOverlapVerifier implements CandidateVerifier {

	private static final Pattern TOKEN = Pattern.compile("\\p{L}+|\\p{N}+(?:[.,]\\p{N}+)*");

	private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nor", "none", "nothing", "nobody",
			"neither", "without");

	private static final Set<String> FUNCTION_WORDS = Set.of(
			// articles, determiners, conjunctions
			"a", "an", "the", "this", "that", "these", "those", "and", "or", "but", "if", "so", "than", "then", "also",
			"just", "very", "really", "such", "some", "any",
			// auxiliaries and modals
			"is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had",
			"having", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "get", "got",
			// pronouns
			"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
			"she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "one", "ones", "someone", "something",
			"anyone", "anything", "people", "person", "thing", "things", "way", "ways",
			// prepositions
			"to", "of", "in", "on", "at", "by", "for", "with", "about", "from", "into", "onto", "as", "there", "here",
			// politeness and framing
			"please", "tell", "know", "think",
			// remains of contractions ('s, 're, 've, 'll)
			"re", "ve", "ll");

	private final int maxDifferingWords;

	/**
	 * Creates the strict verifier: no content word may differ.
	 */
	public TextOverlapVerifier() {
		this(0);
	}

	/**
	 * Creates a verifier that tolerates a few differing content words (numbers and
	 * negations must still agree, and the shared content words must keep their order).
	 * @param maxDifferingWords content words allowed in one text but not the other (0 =
	 * none)
	 */
	public TextOverlapVerifier(int maxDifferingWords) {
		if (maxDifferingWords < 0) {
			throw new IllegalArgumentException("maxDifferingWords must not be negative");
		}
		this.maxDifferingWords = maxDifferingWords;
	}

	@Override
	public boolean accept(String cachedText, String queryText, double similarity) {
		Analysis cached = analyse(cachedText);
		Analysis query = analyse(queryText);
		if (!cached.numbers.equals(query.numbers) || cached.negated != query.negated) {
			return false;
		}
		Set<String> onlyCached = new LinkedHashSet<>(cached.contentWords);
		onlyCached.removeAll(query.contentWords);
		Set<String> onlyQuery = new LinkedHashSet<>(query.contentWords);
		onlyQuery.removeAll(cached.contentWords);
		if (onlyCached.size() + onlyQuery.size() > this.maxDifferingWords) {
			return false;
		}
		List<String> cachedOrder = new ArrayList<>(cached.contentWords);
		cachedOrder.removeAll(onlyCached);
		List<String> queryOrder = new ArrayList<>(query.contentWords);
		queryOrder.removeAll(onlyQuery);
		return cachedOrder.equals(queryOrder);
	}

	static Analysis analyse(String text) {
		String normalised = text.toLowerCase(Locale.ROOT)
			.replace('\u2019', '\'')
			.replace("cannot", "can not")
			.replace("can't", "can not")
			.replace("won't", "will not")
			.replace("shan't", "shall not")
			.replace("n't", " not");
		Matcher matcher = TOKEN.matcher(normalised);
		LinkedHashSet<String> contentWords = new LinkedHashSet<>();
		List<String> numbers = new ArrayList<>();
		boolean negated = false;
		while (matcher.find()) {
			String token = matcher.group();
			if (Character.isDigit(token.charAt(0))) {
				numbers.add(token.replace(",", ""));
				contentWords.add(token.replace(",", ""));
			}
			else if (NEGATIONS.contains(token)) {
				negated = true;
			}
			else if (token.length() > 1 && !FUNCTION_WORDS.contains(token)) {
				contentWords.add(stem(token));
			}
		}
		numbers.sort(null);
		return new Analysis(contentWords, numbers, negated);
	}

	static String stem(String word) {
		if (word.length() <= 3) {
			return word;
		}
		if (word.endsWith("ies") && word.length() >= 5) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("zes") || word.endsWith("ches")
				|| word.endsWith("shes")) {
			return word.substring(0, word.length() - 2);
		}
		if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

	record Analysis(LinkedHashSet<String> contentWords, List<String> numbers, boolean negated) {

	}

}
