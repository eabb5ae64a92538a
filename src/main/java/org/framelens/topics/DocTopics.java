package org.framelens.topics;

import java.io.Serializable;

/** A document's topic distribution (weights sum to 1) and its token count in the topic vocabulary. */
public record DocTopics(String id, String outlet, int tokens, double[] weights) implements Serializable {}
