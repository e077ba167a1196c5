import { DevTraceReceiver } from './dev-trace-receiver';

/** The dev trace receiver alone: `node dist/tools/launcher/src/dev-trace-receiver.main.js [port]`. */
async function main(): Promise<void> {
  const receiver = new DevTraceReceiver();
  const url = await receiver.start(Number(process.argv[2] ?? process.env.PORT ?? 4318));
  process.stdout.write(`${JSON.stringify({ msg: 'dev trace receiver listening', url })}\n`);
  const stop = () => void receiver.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`dev trace receiver failed: ${String(err)}\n`);
  process.exit(1);
});
