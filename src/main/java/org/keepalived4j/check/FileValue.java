package org.keepalived4j.check;

/**
 * The number read from a track file (keepalived's process_track_file(): the first 127 bytes through
 * strtol(), an empty, missing or deleted file is 0).
 *
 * @param value the number
 * @param valid false for a number outside [INT32_MIN, INT32_MAX + 1]: keepalived logs it and keeps
 *              the previous value
 */
public record FileValue(long value, boolean valid) {
}
