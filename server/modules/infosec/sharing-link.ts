/**
 * The node's link to its peers over NATS JetStream. One stream per network holds every envelope
 * under a per-recipient subject (`secretariat.<network>.to.<STATE>`); each node reads only its own
 * subject through a durable consumer, so a node that was down catches up from the stream. The
 * outbox is published after commit with the envelope's id as JetStream's message id (duplicates
 * within the window are dropped by the server; older versions are ignored on apply anyway).
 */
import type { Kysely } from 'kysely';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import type { DB } from '../../db/schema.ts';
import { applyMessage, type InfosecNode } from './infosec.service.ts';

export const streamName = (network: string) => `SECRETARIAT_${network.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
export const subjectFor = (network: string, state: string) => `secretariat.${network}.to.${state}`;

export interface SharingLink {
  /** Messages on this node's subject not yet applied (the consumer's lag), or null when unknown. */
  pending(): Promise<number | null>;
  /** Publishes the outbox now (it is also drained every `pollMs`). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Connects `node` to NATS at `url`, creating the stream and its durable consumer when missing. */
export async function startSharingLink(db: Kysely<DB>, node: InfosecNode, url: string, options: { pollMs?: number; onError?: (e: unknown) => void } = {}): Promise<SharingLink> {
  const { pollMs = 250, onError = () => {} } = options;
  const nc: NatsConnection = await connect({ servers: url, name: `secretariat-${node.network}-${node.state}` });
  const jsm = await jetstreamManager(nc);
  const stream = streamName(node.network);
  const subjects = [`secretariat.${node.network}.to.>`];
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add({ name: stream, subjects, duplicate_window: 10 * 60 * 1_000_000_000 });
  }
  const durable = `node-${node.state}`;
  try {
    await jsm.consumers.info(stream, durable);
  } catch {
    await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: subjectFor(node.network, node.state), max_deliver: 20 });
  }
  const js: JetStreamClient = jetstream(nc);
  const consumer = await js.consumers.get(stream, durable);
  const messages: ConsumerMessages = await consumer.consume();
  const reading = (async () => {
    for await (const m of messages) {
      try {
        let data: unknown;
        try {
          data = m.json();
        } catch {
          data = null;
        }
        await applyMessage(db, node, m.subject, data);
        m.ack();
      } catch (e) {
        // Not applied (e.g. the database is unavailable): redelivered later.
        m.nak(1000);
        onError(e);
      }
    }
  })();

  let flushing: Promise<void> | null = null;
  const drain = async () => {
    for (;;) {
      const batch = await db.selectFrom('infosec_outbox').select(['seq', 'msg_id', 'recipient', 'signed']).orderBy('seq').limit(200).execute();
      if (batch.length === 0) return;
      // Published together, then removed together: a crash in between only republishes, and
      // JetStream drops the repeat by its message id.
      await Promise.all(batch.map((row) => js.publish(subjectFor(node.network, row.recipient), typeof row.signed === 'string' ? row.signed : JSON.stringify(row.signed), { msgID: row.msg_id })));
      await db.deleteFrom('infosec_outbox').where('seq', 'in', batch.map((row) => row.seq)).execute();
    }
  };
  const flush = () => (flushing ??= drain().finally(() => (flushing = null)));
  const timer = setInterval(() => flush().catch(onError), pollMs);

  return {
    pending: async () => (await consumer.info(true).catch(() => null))?.num_pending ?? null,
    flush,
    stop: async () => {
      clearInterval(timer);
      await flushing?.catch(() => {});
      await messages.close();
      await reading;
      await nc.drain();
    },
  };
}
