package org.framelens.output;

/**
 * A folder of files that are not a table (saved models, graph files), committed and replaced whole. framelens marks
 * the folders it writes with {@link OutputStore#FOLDER_MARK}; {@code legacyMarker} (a glob below the folder)
 * recognises the folders written before that mark existed, in an output folder that holds a framelens run manifest.
 */
public record FolderSpec(String name, String purpose, String legacyMarker) implements OutputSpec {}
