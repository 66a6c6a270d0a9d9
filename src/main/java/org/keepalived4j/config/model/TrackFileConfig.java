package org.keepalived4j.config.model;

import java.util.OptionalLong;

import org.keepalived4j.config.Origin;

/**
 * {@code track_file NAME { file PATH; weight W [reverse]; init_file [VALUE] [overwrite] }}
 * (also the deprecated {@code vrrp_track_file}): a file holding an integer that trackers
 * multiply by their weight (trackers/track_file.c).
 *
 * @param weight     −254..254, default 1; 0 means a non-zero value faults the trackers
 * @param initValue  present with {@code init_file}: the value to write at start-up
 * @param overwrite  {@code init_file ... overwrite}: write it even when the file exists
 */
public record TrackFileConfig(String name, String path, int weight, boolean reverse, OptionalLong initValue,
                              boolean overwrite, Origin origin) {
}
