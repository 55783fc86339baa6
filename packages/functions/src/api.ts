import { handle } from "hono/aws-lambda";
import { createApiApp } from "./pipeline";

/** API Gateway v2 -> the Hono app. */
export const handler = handle(createApiApp());
