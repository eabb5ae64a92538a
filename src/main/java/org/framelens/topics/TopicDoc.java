package org.framelens.topics;

import java.io.Serializable;

/** One document as the topic models see it: its word ids, one entry per token, in ascending id order. */
public record TopicDoc(String id, String outlet, int[] words) implements Serializable {}
