import type { EventParticipant } from './services';
import { eventTypeOfTopic } from './topics';

/** A class whose instances are an event's data (class-validator decorated, no constructor args). */
export type DataClass<TData extends object = object> = new () => TData;

/**
 * Turns the data of an older `schemaVersion` of the same topic into the current shape. Must be pure
 * and must not mutate its input. Called with the version the event was produced with.
 */
export type Upcaster = (data: unknown, fromVersion: number) => unknown;

/** Everything the platform knows about one topic. */
export interface EventDefinition<TTopic extends string = string, TData extends object = object> {
  /** `<domain>.<entity>.<event>.v<major>`. */
  readonly topic: TTopic;
  /** The topic without `.v<major>`; the envelope's `eventType`. */
  readonly eventType: string;
  /** Current version of the data schema within this topic (≥ 1). */
  readonly schemaVersion: number;
  /** The data class; `validateEvent` validates `envelope.data` against it. */
  readonly dataClass: DataClass<TData>;
  /** Name of the data field whose value is the Kafka message key (the ordering scope). */
  readonly keyField: Extract<keyof TData, string>;
  /** Services that publish this event. */
  readonly producers: readonly EventParticipant[];
  /** Services that subscribe to it. */
  readonly consumers: readonly EventParticipant[];
  /** One or two sentences: what happened, and what the key orders. */
  readonly description: string;
  /** A valid, realistic example (documentation, AsyncAPI examples and contract tests). */
  readonly example: TData;
  /** Upgrades data produced with an older `schemaVersion` (required once schemaVersion > 1). */
  readonly upcast?: Upcaster;
}

/** Any definition, with its data type erased (what `getEventDefinition(string)` returns). */
export type AnyEventDefinition = EventDefinition<string, object>;

/**
 * Declares a topic: derives `eventType` from the topic name, keeps the literal topic type (for
 * `TopicDataMap`) and checks `keyField` against the data class at compile time.
 */
export function defineEvent<const TTopic extends string, TData extends object>(
  definition: Omit<EventDefinition<TTopic, TData>, 'eventType'>,
): EventDefinition<TTopic, TData> {
  return Object.freeze({ ...definition, eventType: eventTypeOfTopic(definition.topic) });
}
