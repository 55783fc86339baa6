import { type FauxqsServer, startFauxqs } from "fauxqs";

export interface S3SqsEmulator {
  /** One endpoint serves both S3 and SQS. */
  endpoint: string;
  server: FauxqsServer;
  stop(): Promise<void>;
}

/** Starts fauxqs (S3 + SQS) in this process on a free loopback port. */
export async function startS3SqsEmulator(): Promise<S3SqsEmulator> {
  const server = await startFauxqs({ port: 0, logger: false, listenHost: "127.0.0.1", messageSpies: true });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    server,
    stop: () => server.stop(),
  };
}
