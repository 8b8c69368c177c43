/** Why a string is not a usable MQTT topic name or filter; the message names the fix. */
export interface TopicProblem {
  message: string;
}

/** MQTT 5 section 1.5.4: a UTF-8 encoded string, so a topic or filter is at most this many bytes. */
export const MAX_TOPIC_BYTES = 65_535;
