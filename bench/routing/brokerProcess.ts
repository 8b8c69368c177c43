/**
 * The routing benchmark's broker: the runtime's embedded broker (aedes on 127.0.0.1) in a
 * process of its own, so the systems under test and the load generator share its cost alike.
 * Sends `{ url }` to the parent and runs until killed.
 */
import { startEmbeddedBroker } from '../../main/runtime/broker/startEmbeddedBroker';

const broker = await startEmbeddedBroker({ port: 0 });
process.send?.({ url: broker.url });
process.on('disconnect', () => void broker.close().then(() => process.exit(0)));
