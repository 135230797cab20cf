import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import { refuseAppToken } from "../checkSlackSetup.ts";
import type { Config } from "../config.ts";

/** Where the bot listens: the HTTP server itself over HTTP (a stop can cut its last connections). */
export interface Listening {
  port: number;
  server?: Server;
}

/**
 * Starts receiving from Slack and resolves with the HTTP port the bot serves. Over HTTP Bolt's start gives the
 * server; in Socket Mode it gives apps.connections.open's answer, and the routes' server listens on the port asked.
 */
export async function startSlackApp(app: App, config: Config): Promise<Listening> {
  if (!config.slack.appToken) {
    const server = (await app.start(config.http.port)) as Server;
    return { port: (server.address() as AddressInfo).port, server };
  }
  try {
    await app.start(config.http.port);
  } catch (error) {
    // A refused start leaves no listening port or reconnect timer behind before the one-line error.
    await app.stop();
    refuseAppToken(error, config);
  }
  return { port: config.http.port };
}
