import { type FauxqsServer, startFauxqs } from "fauxqs";

export interface S3SqsEmulator {
  /** One endpoint serves both S3 and SQS. */
  endpoint: string;
  server: FauxqsServer;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs (S3 + SQS) in this process on a free loopback port. Browsers may call its S3 from any
 * origin (CORS, as the media bucket's rule allows the dashboard in AWS): the dashboard PUTs uploads to
 * presigned URLs and reads results there. It checks no signatures and listens on loopback only anyway.
 */
export async function startS3SqsEmulator(): Promise<S3SqsEmulator> {
  const server = await startFauxqs({
    port: 0,
    logger: false,
    listenHost: "127.0.0.1",
    messageSpies: true,
    corsOrigins: ["*"],
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    server,
    stop: () => server.stop(),
  };
}
