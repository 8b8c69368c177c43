import { MAX_TOPIC_BYTES, type TopicProblem } from './TopicProblem';
import { unpairedSurrogateAt, utf8ByteLength } from './utf8ByteLength';

/**
 * The checks MQTT 5 makes of every topic name and filter alike (sections 1.5.4 and 4.7.3):
 * at least one character, no NUL, well-formed UTF-8 of at most 65535 bytes. `what` names
 * the string in the message ("topic", "topic filter").
 *
 * @example
 * checkTopicText('', 'topic') // => { message: 'the topic is empty: ...' }
 */
export function checkTopicText(text: string, what: string, example: string): TopicProblem | null {
  if (text.length === 0) {
    return { message: `the ${what} is empty: give it at least one level, e.g. "${example}"` };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return {
      message: `the ${what} contains the NUL character (U+0000) at position ${nul}, which MQTT forbids: remove it`,
    };
  }
  const surrogate = unpairedSurrogateAt(text);
  if (surrogate !== -1) {
    return {
      message: `the ${what} contains an unpaired UTF-16 surrogate at position ${surrogate}, which is not valid UTF-8: remove it or complete the character`,
    };
  }
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_TOPIC_BYTES) {
    return {
      message: `the ${what} is ${bytes} bytes long in UTF-8; MQTT allows at most ${MAX_TOPIC_BYTES}: shorten it`,
    };
  }
  return null;
}
