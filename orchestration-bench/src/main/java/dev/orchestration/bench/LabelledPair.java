package dev.orchestration.bench;

/**
 * A pair of texts from a semantic-cache data file: the first is cached, the second is the
 * lookup.
 *
 * @param first the text inserted into the cache
 * @param second the text used to query the cache
 * @param sameMeaning whether the two texts ask the same thing (the data set's label)
 */
public record LabelledPair(String first, String second, boolean sameMeaning) {

}
