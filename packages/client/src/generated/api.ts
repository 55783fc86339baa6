// Generated from the pixpipe OpenAPI document by packages/client/scripts/generate.ts. Do not edit:
// run `npx -y pnpm@10 --filter @pixpipe/client generate` after changing the API.

export interface paths {
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        /** Create a job */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one job */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a job's webhook deliveries
         * @description One delivery per event the job's webhook asked for, each with its attempts: time, status code, latency and error, the next attempt while it is pending, and why pixpipe stopped once it failed. Retries follow an exponential backoff with jitter (about 10 s, 30 s, 90 s, ... then every 3 hours) for 24 hours; a 410 Gone stops them at once. Empty for a job without a webhook.
         */
        get: operations["listJobDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop following a job; a late result is not archived */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/video": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the archived video */
        get: operations["getJobVideo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a presigned URL to upload media for jobs */
        post: operations["createUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/masks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Swap step 1: the keyframe of a video and the masks to pick from (billed by PixVerse) */
        post: operations["selectMasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PixVerse's effect templates, restyle presets or lip-sync voices (PixVerse's and the account's own) */
        get: operations["getCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API key's tenant, scopes and limits */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PixVerse credit balance (admin keys only) */
        get: operations["getBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Jobs by status and credits spent, per day, job type or tenant
         * @description The key's own tenant; with the admin scope another tenant (tenantId), or every tenant together (no tenantId). Days are UTC; a job counts on the day it was created.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's webhook signing secret (Standard Webhooks) */
        get: operations["getWebhookSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the webhook signing secret; the old one keeps signing during an overlap */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants by id */
        get: operations["listTenants"];
        put?: never;
        /** Create a tenant (with its webhook signing secret) */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a tenant's name, status or limits (merge patch)
         * @description Disabling a tenant refuses its keys from the next request on (403 tenant_disabled); its jobs already accepted run to the end. New limits apply to the tenant's next scheduling decisions.
         */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/admin/tenants/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's API keys (never their secrets) */
        get: operations["listApiKeys"];
        put?: never;
        /** Issue an API key for a tenant (its secret is shown once) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key: refused from the next request on */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace an API key: a new key now, the old one working until its overlap ends */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/pixverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * PixVerse status callbacks (signature-verified)
         * @description Verified on the raw body with the Webhook-Timestamp, Webhook-Nonce and Webhook-Signature headers (HMAC-SHA256, +-300 s window, nonce replay refused). Records the new state and answers `ok`.
         */
        post: operations["receivePixverseWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A video: exactly one of upload (a file you uploaded), url (a file pixpipe downloads) or job (an earlier job's video). */
        MediaRef: {
            /**
             * @description The key POST /v1/uploads answered, once the file was PUT to its uploadUrl.
             * @example uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/fox.png
             */
            upload: string;
        } | {
            /**
             * Format: uri
             * @description A public https URL pixpipe downloads the file from (private, loopback and link-local addresses are refused).
             * @example https://media.example.com/fox.png
             */
            url: string;
        } | {
            /**
             * @description The id of an earlier succeeded video job of yours: its PixVerse video is the source.
             * @example 01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            job: string;
        };
        /** @description An image or audio file: exactly one of upload (a file you uploaded) or url (a file pixpipe downloads). An earlier job provides only videos. */
        FileRef: {
            /**
             * @description The key POST /v1/uploads answered, once the file was PUT to its uploadUrl.
             * @example uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/fox.png
             */
            upload: string;
        } | {
            /**
             * Format: uri
             * @description A public https URL pixpipe downloads the file from (private, loopback and link-local addresses are refused).
             * @example https://media.example.com/fox.png
             */
            url: string;
        };
        /** @description A generation job. pixverse.videoId is a string (PixVerse ids exceed 2^53); output is present once archived, error once failed. */
        Job: {
            id: string;
            tenantId: string;
            type: components["schemas"]["JobType"];
            status: components["schemas"]["JobStatus"];
            input: {
                [key: string]: unknown;
            };
            metadata: {
                [key: string]: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            pixverse: {
                videoId?: string;
                traceId: string;
                credits?: number;
            };
            retry?: {
                /**
                 * @description Times a generation PixVerse reports failed (video status 8) is started again as a new generation, 0 (never) to 3.
                 * @default 0
                 */
                generationFailed: number;
            };
            generations: {
                traceId: string;
                videoId?: string;
                /** @enum {string} */
                status: "pending" | "generating" | "succeeded" | "failed" | "cancelled";
                error?: {
                    /** @enum {string} */
                    code: "invalid_request" | "media_unavailable" | "moderation_failed" | "generation_failed" | "generation_deleted" | "insufficient_credits" | "quota_exceeded" | "timeout" | "archive_failed" | "provider_error";
                    message: string;
                    providerCode?: number;
                };
                credits?: number;
            }[];
            output?: {
                bucket: string;
                key: string;
                size: number;
                contentType: string;
                sha256: string;
                width?: number;
                height?: number;
            };
            error?: {
                /** @enum {string} */
                code: "invalid_request" | "media_unavailable" | "moderation_failed" | "generation_failed" | "generation_deleted" | "insufficient_credits" | "quota_exceeded" | "timeout" | "archive_failed" | "provider_error";
                message: string;
                providerCode?: number;
            };
            progress?: {
                /** @enum {string} */
                stage: "queued" | "waiting_for_capacity" | "waiting_for_tenant_limit" | "fetching_media" | "submitting" | "generating" | "archiving";
                reason?: string;
                attempts: number;
                /** Format: date-time */
                nextAttemptAt?: string;
            };
            warnings?: {
                path: string;
                message: string;
            }[];
            eventError?: string;
            webhook?: components["schemas"]["JobWebhook"];
        };
        /**
         * @description The PixVerse capability the job runs.
         * @example text_to_video
         * @enum {string}
         */
        JobType: "text_to_video" | "image_to_video" | "effect" | "transition" | "multi_transition" | "fusion" | "extend" | "modify" | "restyle" | "sound_effect" | "lip_sync" | "swap" | "mimic" | "upscale" | "image_template";
        /**
         * @description Where the job is in its lifecycle; succeeded, failed and cancelled are terminal.
         * @example generating
         * @enum {string}
         */
        JobStatus: "queued" | "generating" | "archiving" | "succeeded" | "failed" | "cancelled";
        /** @description Where the job's events are POSTed, and which (the request's webhook, events filled in). */
        JobWebhook: {
            url: string;
            events: ("job.generating" | "job.archiving" | "job.succeeded" | "job.failed" | "job.cancelled")[];
        };
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description Human-readable sentence. */
                message: string;
                /** @description Every problem found, for validation errors. */
                details?: components["schemas"]["Problem"][];
            };
        };
        /**
         * @description Stable snake_case code:
         *     - `invalid_request` (400: the request (body, query, path or headers) is invalid; details lists every problem.)
         *     - `invalid_json` (400: the request body is not valid JSON.)
         *     - `invalid_cursor` (400: the cursor is invalid or expired.)
         *     - `invalid_webhook` (400: the callback is not a PixVerse event.)
         *     - `unauthorized` (401: the API key is missing, malformed, unknown, revoked or expired.)
         *     - `invalid_signature` (401: the callback is not signed by PixVerse.)
         *     - `insufficient_credits` (402: the PixVerse account has no credits left for this call.)
         *     - `forbidden` (403: the API key lacks the scope the operation needs.)
         *     - `tenant_disabled` (403: the API key's tenant is disabled.)
         *     - `not_found` (404: no such resource for this API key (or no such route).)
         *     - `idempotency_conflict` (409: the Idempotency-Key was already used with another request body.)
         *     - `job_not_cancellable` (409: the job has already ended (succeeded, failed or cancelled).)
         *     - `no_output` (409: the job has no archived video (yet).)
         *     - `tenant_exists` (409: a tenant with this id already exists.)
         *     - `conflict` (409: the resource kept changing under the request; send it again.)
         *     - `key_expired` (409: the API key has already expired and cannot be rotated.)
         *     - `own_tenant` (409: an admin key cannot disable its own tenant.)
         *     - `payload_too_large` (413: the request body is too large.)
         *     - `unsupported_media_type` (415: the request body is not application/json.)
         *     - `media_unavailable` (422: a media reference cannot be fetched.)
         *     - `content_rejected` (422: PixVerse moderation refused the content.)
         *     - `pixverse_rejected` (422: PixVerse refused the request.)
         *     - `quota_exceeded` (429: the tenant's credit budget per day or month is spent; Retry-After says until when.)
         *     - `internal_error` (500: an unexpected error; the message carries a request id to quote.)
         *     - `pixverse_unavailable` (502: PixVerse could not answer; try again shortly.)
         *     - `http_error` (Another HTTP error raised by the framework; the status says which.)
         * @example invalid_request
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "invalid_json" | "invalid_cursor" | "invalid_webhook" | "unauthorized" | "invalid_signature" | "insufficient_credits" | "forbidden" | "tenant_disabled" | "not_found" | "idempotency_conflict" | "job_not_cancellable" | "no_output" | "tenant_exists" | "conflict" | "key_expired" | "own_tenant" | "payload_too_large" | "unsupported_media_type" | "media_unavailable" | "content_rejected" | "pixverse_rejected" | "quota_exceeded" | "internal_error" | "pixverse_unavailable" | "http_error";
        Problem: {
            /**
             * @description Dotted path of the offending field.
             * @example input.duration
             */
            path: string;
            /** @example Invalid option: expected one of 5|8 */
            message: string;
            /**
             * @description Which part of the request the path refers to.
             * @enum {string}
             */
            location?: "body" | "query" | "path" | "header";
        };
        /** @description A job: its type and that type's input. POST /v1/jobs shows a working example of each type. */
        CreateJobRequest: components["schemas"]["CreateTextToVideoJob"] | components["schemas"]["CreateImageToVideoJob"] | components["schemas"]["CreateEffectJob"] | components["schemas"]["CreateTransitionJob"] | components["schemas"]["CreateMultiTransitionJob"] | components["schemas"]["CreateFusionJob"] | components["schemas"]["CreateExtendJob"] | components["schemas"]["CreateModifyJob"] | components["schemas"]["CreateRestyleJob"] | components["schemas"]["CreateSoundEffectJob"] | components["schemas"]["CreateLipSyncJob"] | components["schemas"]["CreateSwapJob"] | components["schemas"]["CreateMimicJob"] | components["schemas"]["CreateUpscaleJob"] | components["schemas"]["CreateImageTemplateJob"];
        /** @description A text_to_video job: A video from a prompt. */
        CreateTextToVideoJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text_to_video";
            input: components["schemas"]["TextToVideoInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video from a prompt. PixVerse's text_to_video parameters, by PixVerse's names; media as MediaRef or FileRef. */
        TextToVideoInput: {
            /**
             * @description What the video shows, in words (at most 5000 characters).
             * @example A red fox running through fresh snow at dawn, cinematic
             */
            prompt: string;
            /**
             * @description PixVerse's model. It decides the durations, aspect ratios and audio switches allowed: v3.5-v5 take 5 or 8 s, v5.5/v5.6 5, 8 or 10 s, v6 and c1 any whole number of seconds from 1 to 15.
             * @example v5
             * @enum {string}
             */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            /**
             * @description Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality).
             * @example 5
             */
            duration: number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description Frame shape. 2:3, 3:2 and 21:9 need v6 or c1.
             * @example 16:9
             * @enum {string}
             */
            aspect_ratio: "16:9" | "9:16" | "1:1" | "4:3" | "3:4" | "2:3" | "3:2" | "21:9";
            /**
             * @description What the video should not show (at most 2048 characters).
             * @example blurry, text, watermark
             */
            negative_prompt?: string;
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description A visual style.
             * @example anime
             * @enum {string}
             */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /**
             * @description A camera move (v4 and v4.5 only; not together with template_id).
             * @example zoom_in
             * @enum {string}
             */
            camera_movement?: "horizontal_left" | "horizontal_right" | "vertical_up" | "vertical_down" | "zoom_in" | "zoom_out" | "auto_camera" | "crane_up" | "quickly_zoom_in" | "quickly_zoom_out" | "smooth_zoom_in" | "camera_rotation" | "robo_arm" | "super_dolly_out" | "whip_pan" | "hitchcock" | "left_follow" | "right_follow" | "pan_left" | "pan_right" | "fix_bg" | "default";
            /**
             * @description A PixVerse template (effect) id, from GET /v1/catalog/templates; activate it in PixVerse's console first.
             * @example 308621408717184
             */
            template_id?: string | number;
            /**
             * @description Let PixVerse cut the video into several shots (v5.5, v5.6, v6).
             * @example true
             */
            generate_multi_clip_switch?: boolean;
            /**
             * @description Whether v6 reasons about the prompt first (v6 only; PixVerse's default auto).
             * @example auto
             * @enum {string}
             */
            thinking_type?: "enabled" | "disabled" | "auto";
            /**
             * @description Add PixVerse's watermark.
             * @example true
             */
            water_mark?: boolean;
            /**
             * @description Generate sound with the video (v5.5 and later, c1).
             * @example true
             */
            generate_audio_switch?: boolean;
            /**
             * @description Add sound effects (v5 and earlier, or with a template).
             * @example true
             */
            sound_effect_switch?: boolean;
            /**
             * @description The sound to add, in words; left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            sound_effect_content?: string;
            /**
             * @description default_music: background music instead of described sound.
             * @example default_music
             * @enum {string}
             */
            sound_mode?: "default_music";
            /**
             * @description Add background music.
             * @example true
             */
            play_bgm?: boolean;
            /**
             * @description Make the subject speak lip_sync_tts_content (v3.5-v5).
             * @example true
             */
            lip_sync_tts_switch?: boolean;
            /**
             * @description The words to speak, read by lip_sync_tts_speaker_id (at most 200 characters).
             * @example Welcome to the show!
             */
            lip_sync_tts_content?: string;
            /**
             * @description A voice id, from GET /v1/catalog/voices ("auto" lets PixVerse choose).
             * @example 1
             */
            lip_sync_tts_speaker_id?: string;
        };
        /**
         * @description Your own string labels, stored with the job and echoed back (at most 50 keys of 1-40 characters, values up to 500 characters).
         * @example {
         *       "orderId": "A-1042"
         *     }
         */
        Metadata: {
            [key: string]: string;
        };
        /**
         * @description What the job retries on its own. generationFailed: how many times a generation PixVerse reports failed (video status 8, generation_failed) is started again, 0 (default: never) to 3. Each retry is a new generation under a new trace id, which PixVerse may bill; the job's generations list each one with its credits. Moderation (status 7) is never retried.
         * @example {
         *       "generationFailed": 2
         *     }
         */
        JobRetry: {
            /**
             * @description Times a generation PixVerse reports failed (video status 8) is started again as a new generation, 0 (never) to 3.
             * @default 0
             */
            generationFailed: number;
        };
        /** @description pixpipe POSTs each chosen event to `url` as the job's CloudEvent JSON (the same body as on JobEvents), signed by the Standard Webhooks scheme with the tenant's secret (GET /v1/webhooks/secret): headers webhook-id (the CloudEvent id, the same on every retry), webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256>, one per active secret during a rotation). Any 2xx is a delivery; anything else (redirects are not followed) is retried with exponential backoff and jitter for 24 hours, except 410 Gone, which stops it. GET /v1/jobs/{id}/deliveries lists the attempts. */
        WebhookRequest: {
            /**
             * @description https, no credentials, at most 2048 characters, resolving only to public addresses (checked at creation and at every attempt).
             * @example https://example.com/hooks/pixpipe
             */
            url: string;
            /** @description The events to send; default job.succeeded, job.failed, job.cancelled. */
            events?: ("job.generating" | "job.archiving" | "job.succeeded" | "job.failed" | "job.cancelled")[];
        };
        /** @description A image_to_video job: A video that animates an image; it keeps the image's aspect ratio. */
        CreateImageToVideoJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_to_video";
            input: components["schemas"]["ImageToVideoInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video that animates an image; it keeps the image's aspect ratio. PixVerse's image_to_video parameters, by PixVerse's names; media as MediaRef or FileRef. */
        ImageToVideoInput: {
            /**
             * @description What the video shows, in words (at most 5000 characters).
             * @example A red fox running through fresh snow at dawn, cinematic
             */
            prompt: string;
            /**
             * @description PixVerse's model. It decides the durations, aspect ratios and audio switches allowed: v3.5-v5 take 5 or 8 s, v5.5/v5.6 5, 8 or 10 s, v6 and c1 any whole number of seconds from 1 to 15.
             * @example v5
             * @enum {string}
             */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            /**
             * @description Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality).
             * @example 5
             */
            duration: number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description What the video should not show (at most 2048 characters).
             * @example blurry, text, watermark
             */
            negative_prompt?: string;
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description A visual style.
             * @example anime
             * @enum {string}
             */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /**
             * @description A camera move (v4 and v4.5 only; not together with template_id).
             * @example zoom_in
             * @enum {string}
             */
            camera_movement?: "horizontal_left" | "horizontal_right" | "vertical_up" | "vertical_down" | "zoom_in" | "zoom_out" | "auto_camera" | "crane_up" | "quickly_zoom_in" | "quickly_zoom_out" | "smooth_zoom_in" | "camera_rotation" | "robo_arm" | "super_dolly_out" | "whip_pan" | "hitchcock" | "left_follow" | "right_follow" | "pan_left" | "pan_right" | "fix_bg" | "default";
            /**
             * @description Let PixVerse cut the video into several shots (v5.5, v5.6, v6).
             * @example true
             */
            generate_multi_clip_switch?: boolean;
            /**
             * @description Whether v6 reasons about the prompt first (v6 only; PixVerse's default auto).
             * @example auto
             * @enum {string}
             */
            thinking_type?: "enabled" | "disabled" | "auto";
            /**
             * @description Add PixVerse's watermark.
             * @example true
             */
            water_mark?: boolean;
            /**
             * @description Generate sound with the video (v5.5 and later, c1).
             * @example true
             */
            generate_audio_switch?: boolean;
            /**
             * @description Add sound effects (v5 and earlier, or with a template).
             * @example true
             */
            sound_effect_switch?: boolean;
            /**
             * @description The sound to add, in words; left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            sound_effect_content?: string;
            /**
             * @description default_music: background music instead of described sound.
             * @example default_music
             * @enum {string}
             */
            sound_mode?: "default_music";
            /**
             * @description Add background music.
             * @example true
             */
            play_bgm?: boolean;
            /**
             * @description Make the subject speak lip_sync_tts_content (v3.5-v5).
             * @example true
             */
            lip_sync_tts_switch?: boolean;
            /**
             * @description The words to speak, read by lip_sync_tts_speaker_id (at most 200 characters).
             * @example Welcome to the show!
             */
            lip_sync_tts_content?: string;
            /**
             * @description A voice id, from GET /v1/catalog/voices ("auto" lets PixVerse choose).
             * @example 1
             */
            lip_sync_tts_speaker_id?: string;
            image: components["schemas"]["FileRef"] & unknown;
        };
        /** @description A effect job: A PixVerse template (effect) video from one image or several; the template decides model and length. */
        CreateEffectJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "effect";
            input: components["schemas"]["EffectInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A PixVerse template (effect) video from one image or several; the template decides model and length. PixVerse's effect parameters, by PixVerse's names; media as MediaRef or FileRef. */
        EffectInput: {
            /**
             * @description A PixVerse template (effect) id, from GET /v1/catalog/templates; activate it in PixVerse's console first.
             * @example 308621408717184
             */
            template_id: string | number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /** @description Ignored by PixVerse for templates. */
            prompt?: string;
            /**
             * @description Ignored by PixVerse: the template decides.
             * @example v5
             * @enum {string}
             */
            model?: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            /**
             * @description Ignored by PixVerse: the template decides the length.
             * @example 5
             */
            duration?: number;
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description Add PixVerse's watermark.
             * @example true
             */
            water_mark?: boolean;
            /**
             * @description Add background music.
             * @example true
             */
            play_bgm?: boolean;
            /**
             * @description Add sound effects (v5 and earlier, or with a template).
             * @example true
             */
            sound_effect_switch?: boolean;
            /**
             * @description The sound to add, in words; left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            sound_effect_content?: string;
            /**
             * @description default_music: background music instead of described sound.
             * @example default_music
             * @enum {string}
             */
            sound_mode?: "default_music";
            image?: components["schemas"]["FileRef"] & unknown;
            /** @description The images of a multi-image template, in the template's order. */
            images?: components["schemas"]["FileRef"][];
        } & ({
            image: unknown;
        } | {
            images: unknown;
        });
        /** @description A transition job: A video from a first frame to a last frame. */
        CreateTransitionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "transition";
            input: components["schemas"]["TransitionInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video from a first frame to a last frame. PixVerse's transition parameters, by PixVerse's names; media as MediaRef or FileRef. */
        TransitionInput: {
            /**
             * @description What the video shows, in words (at most 5000 characters).
             * @example A red fox running through fresh snow at dawn, cinematic
             */
            prompt: string;
            /**
             * @description PixVerse's model. It decides the durations, aspect ratios and audio switches allowed: v3.5-v5 take 5 or 8 s, v5.5/v5.6 5, 8 or 10 s, v6 and c1 any whole number of seconds from 1 to 15.
             * @example v5
             * @enum {string}
             */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            /**
             * @description Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality).
             * @example 5
             */
            duration: number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description What the video should not show (at most 2048 characters).
             * @example blurry, text, watermark
             */
            negative_prompt?: string;
            /**
             * @description A visual style.
             * @example anime
             * @enum {string}
             */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description Add PixVerse's watermark.
             * @example true
             */
            water_mark?: boolean;
            /**
             * @description Generate sound with the video (v5.5 and later, c1).
             * @example true
             */
            generate_audio_switch?: boolean;
            /**
             * @description Add sound effects (v5 and earlier, or with a template).
             * @example true
             */
            sound_effect_switch?: boolean;
            /**
             * @description The sound to add, in words; left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            sound_effect_content?: string;
            /**
             * @description default_music: background music instead of described sound.
             * @example default_music
             * @enum {string}
             */
            sound_mode?: "default_music";
            /**
             * @description Add background music.
             * @example true
             */
            play_bgm?: boolean;
            /**
             * @description Make the subject speak lip_sync_tts_content (v3.5-v5).
             * @example true
             */
            lip_sync_tts_switch?: boolean;
            /**
             * @description The words to speak, read by lip_sync_tts_speaker_id (at most 200 characters).
             * @example Welcome to the show!
             */
            lip_sync_tts_content?: string;
            /**
             * @description A voice id, from GET /v1/catalog/voices ("auto" lets PixVerse choose).
             * @example 1
             */
            lip_sync_tts_speaker_id?: string;
            first_frame: components["schemas"]["FileRef"] & unknown;
            last_frame: components["schemas"]["FileRef"] & unknown;
        };
        /** @description A multi_transition job: A video through 2-7 keyframes, at most 30 s. */
        CreateMultiTransitionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "multi_transition";
            input: components["schemas"]["MultiTransitionInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video through 2-7 keyframes, at most 30 s. PixVerse's multi_transition parameters, by PixVerse's names; media as MediaRef or FileRef. */
        MultiTransitionInput: {
            /**
             * @description PixVerse's model (v3.5-v5 for multi-transition).
             * @example v5
             * @enum {string}
             */
            model: "v3.5" | "v4" | "v4.5" | "v5";
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /** @description The keyframes in order (2-7): each but the last with the seconds until the next one, the video at most 30 s. */
            multi_transition: {
                /**
                 * @description Seconds until the next keyframe: 1-8 (1-5 with three or more keyframes); 0 or left out on the last.
                 * @example 3
                 */
                duration?: number;
                /**
                 * @description How the video moves from this keyframe to the next.
                 * @example the fox leaps over a log
                 */
                prompt?: string;
                image: components["schemas"]["FileRef"] & unknown;
            }[];
        };
        /** @description A fusion job: A video of named subjects and backgrounds from reference images (and, in omni mode, videos). */
        CreateFusionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "fusion";
            input: components["schemas"]["FusionInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video of named subjects and backgrounds from reference images (and, in omni mode, videos). PixVerse's fusion parameters, by PixVerse's names; media as MediaRef or FileRef. */
        FusionInput: {
            /**
             * @description What the video shows, in words (at most 5000 characters).
             * @example A red fox running through fresh snow at dawn, cinematic
             */
            prompt: string;
            /**
             * @description PixVerse's model (v4.5 and later for fusion).
             * @example v5
             * @enum {string}
             */
            model: "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            /**
             * @description Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality). 0 in omni mode lets PixVerse choose.
             * @example 5
             */
            duration: number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description Frame shape. 2:3, 3:2 and 21:9 need v6 or c1. "auto" (omni mode) follows the reference videos.
             * @example 16:9
             * @enum {string}
             */
            aspect_ratio: "16:9" | "9:16" | "1:1" | "4:3" | "3:4" | "2:3" | "3:2" | "21:9" | "auto";
            /**
             * @description What the video should not show (at most 2048 characters).
             * @example blurry, text, watermark
             */
            negative_prompt?: string;
            /**
             * @description A visual style.
             * @example anime
             * @enum {string}
             */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            /**
             * @description Generate sound with the video (v5.5 and later, c1).
             * @example true
             */
            generate_audio_switch?: boolean;
            /**
             * @description omni (v6): up to 10 image references and 2 reference videos.
             * @example omni
             * @enum {string}
             */
            reference_mode?: "omni";
            /** @description The subjects and backgrounds the prompt names as @ref_name: 1-3 on v4.5 and v5, 1-7 on later models, up to 10 in omni mode. */
            image_references?: {
                /**
                 * @description What the image contributes.
                 * @example subject
                 * @enum {string}
                 */
                type: "subject" | "background";
                /**
                 * @description The reference's name, unique in the request; the prompt mentions it as @name.
                 * @example fox
                 */
                ref_name: string;
                image: components["schemas"]["FileRef"] & unknown;
            }[];
            /** @description Omni mode only (reference_mode "omni", v6): up to 2 videos the prompt names. */
            video_references?: {
                /**
                 * @description The reference's name, unique in the request; the prompt mentions it as @name.
                 * @example fox
                 */
                ref_name: string;
                video: components["schemas"]["MediaRef"] & unknown;
            }[];
        };
        /** @description A extend job: A video that continues another. */
        CreateExtendJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "extend";
            input: components["schemas"]["ExtendInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video that continues another. PixVerse's extend parameters, by PixVerse's names; media as MediaRef or FileRef. */
        ExtendInput: {
            /**
             * @description What happens next in the video.
             * @example A red fox running through fresh snow at dawn, cinematic
             */
            prompt: string;
            /**
             * @description PixVerse's model (v3.5-v5.5 or v6 for extend).
             * @example v5
             * @enum {string}
             */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v6";
            /**
             * @description Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality).
             * @example 5
             */
            duration: number;
            /**
             * @description Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p" | "1080p";
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed: number;
            /**
             * @description fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.
             * @example normal
             * @enum {string}
             */
            motion_mode?: "normal" | "fast";
            /**
             * @description A visual style.
             * @example anime
             * @enum {string}
             */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /**
             * @description What the video should not show (at most 2048 characters).
             * @example blurry, text, watermark
             */
            negative_prompt?: string;
            /**
             * @description A PixVerse template (effect) id, from GET /v1/catalog/templates; activate it in PixVerse's console first.
             * @example 308621408717184
             */
            template_id?: string | number;
            /**
             * @description Add PixVerse's watermark.
             * @example true
             */
            water_mark?: boolean;
            /**
             * @description Generate sound with the video (v5.5 and later, c1).
             * @example true
             */
            generate_audio_switch?: boolean;
            video: components["schemas"]["MediaRef"] & unknown;
        };
        /** @description A modify job: A video edited by a prompt, with masks and reference images. */
        CreateModifyJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "modify";
            input: components["schemas"]["ModifyInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video edited by a prompt, with masks and reference images. PixVerse's modify parameters, by PixVerse's names; media as MediaRef or FileRef. */
        ModifyInput: {
            /**
             * @description The change, in words; @selection0.. names the masks, @img0.. the reference images.
             * @example turn @selection0 into a snowman
             */
            prompt: string;
            /**
             * @description Output resolution (no 1080p for this capability).
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p";
            /**
             * @description Masks from POST /v1/masks to edit (at most 3).
             * @example [
             *       "1"
             *     ]
             */
            mask_ids?: string[];
            /** @description Mask images by URL (at most 3). */
            mask_urls?: string[];
            /**
             * @description The frames mask_ids were picked on.
             * @example [
             *       1
             *     ]
             */
            keyframe_ids?: number[];
            video: components["schemas"]["MediaRef"] & unknown;
            /** @description Reference images, named @img0, @img1 and @img2 in the prompt (at most 3). */
            images?: components["schemas"]["FileRef"][];
        };
        /** @description A restyle job: A video in another style: a preset or a style in words. */
        CreateRestyleJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "restyle";
            input: components["schemas"]["RestyleInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video in another style: a preset or a style in words. PixVerse's restyle parameters, by PixVerse's names; media as MediaRef or FileRef. */
        RestyleInput: {
            /**
             * @description A restyle preset id, from GET /v1/catalog/restyles (or restyle_prompt).
             * @example 1001
             */
            restyle_id?: string | number;
            /**
             * @description The style in words (or restyle_id).
             * @example a hand-drawn watercolor
             */
            restyle_prompt?: string;
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            video: components["schemas"]["MediaRef"] & unknown;
        } & ({
            restyle_id: unknown;
        } | {
            restyle_prompt: unknown;
        });
        /** @description A sound_effect job: A video with sound added. */
        CreateSoundEffectJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sound_effect";
            input: components["schemas"]["SoundEffectInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video with sound added. PixVerse's sound_effect parameters, by PixVerse's names; media as MediaRef or FileRef. */
        SoundEffectInput: {
            /**
             * @description The sound to add, in words (or sound_effect_content, not both); left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            prompt?: string;
            /**
             * @description The sound to add, in words; left out, PixVerse picks one from the video.
             * @example crunching snow, distant wind
             */
            sound_effect_content?: string;
            /**
             * @description Keep the source video's own sound.
             * @example true
             */
            original_sound_switch?: boolean;
            /**
             * @description Random seed (0-2147483647); the same seed and parameters give a similar video.
             * @example 42
             */
            seed?: number;
            video: components["schemas"]["MediaRef"] & unknown;
        };
        /** @description A lip_sync job: A video whose speaker's lips follow an audio file or a text read by a voice. */
        CreateLipSyncJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lip_sync";
            input: components["schemas"]["LipSyncInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video whose speaker's lips follow an audio file or a text read by a voice. PixVerse's lip_sync parameters, by PixVerse's names; media as MediaRef or FileRef. */
        LipSyncInput: {
            /**
             * @description A voice id, from GET /v1/catalog/voices ("auto" lets PixVerse choose).
             * @example 1
             */
            lip_sync_tts_speaker_id?: string;
            /**
             * @description The words to speak, read by lip_sync_tts_speaker_id (at most 200 characters).
             * @example Welcome to the show!
             */
            lip_sync_tts_content?: string;
            video: components["schemas"]["MediaRef"] & unknown;
            audio?: components["schemas"]["FileRef"] & unknown;
        } & ({
            audio: unknown;
        } | {
            lip_sync_tts_speaker_id: unknown;
            lip_sync_tts_content: unknown;
        });
        /** @description A swap job: A video with one mask (from POST /v1/masks) replaced by an image. */
        CreateSwapJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "swap";
            input: components["schemas"]["SwapInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video with one mask (from POST /v1/masks) replaced by an image. PixVerse's swap parameters, by PixVerse's names; media as MediaRef or FileRef. */
        SwapInput: {
            /**
             * @description The video frame the masks are picked on (PixVerse's default 1).
             * @example 1
             */
            keyframe_id?: number;
            /**
             * @description The mask to replace, one of the mask_info ids POST /v1/masks answered.
             * @example 1
             */
            mask_id?: string;
            /**
             * @description Output resolution (no 1080p for this capability).
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p";
            /**
             * @description Keep the source video's own sound.
             * @example true
             */
            original_sound_switch?: boolean;
            video: components["schemas"]["MediaRef"] & unknown;
            image: components["schemas"]["FileRef"] & unknown;
        };
        /** @description A mimic job: A video of an image's subject performing another video's motion. */
        CreateMimicJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mimic";
            input: components["schemas"]["MimicInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video of an image's subject performing another video's motion. PixVerse's mimic parameters, by PixVerse's names; media as MediaRef or FileRef. */
        MimicInput: {
            /**
             * @description Output resolution (no 1080p for this capability).
             * @example 540p
             * @enum {string}
             */
            quality: "360p" | "540p" | "720p";
            video: components["schemas"]["MediaRef"] & unknown;
            image: components["schemas"]["FileRef"] & unknown;
        };
        /** @description A upscale job: A video at a higher resolution. */
        CreateUpscaleJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "upscale";
            input: components["schemas"]["UpscaleInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description A video at a higher resolution. PixVerse's upscale parameters, by PixVerse's names; media as MediaRef or FileRef. */
        UpscaleInput: {
            /**
             * @description The target resolution.
             * @example 540p
             * @enum {string}
             */
            quality?: "360p" | "540p" | "720p" | "1080p";
            video: components["schemas"]["MediaRef"] & unknown;
        };
        /** @description A image_template job: An image (not a video) from images and an image template. */
        CreateImageTemplateJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_template";
            input: components["schemas"]["ImageTemplateInput"];
            metadata?: components["schemas"]["Metadata"];
            retry?: components["schemas"]["JobRetry"];
            webhook?: components["schemas"]["WebhookRequest"];
        };
        /** @description An image (not a video) from images and an image template. PixVerse's image_template parameters, by PixVerse's names; media as MediaRef or FileRef. */
        ImageTemplateInput: {
            /**
             * @description An image template id (GET /v1/catalog/templates?type=image).
             * @example 340914720654848
             */
            template_id: string | number;
            /** @description The images the template turns into a new image. */
            images: components["schemas"]["FileRef"][];
        };
        JobList: {
            jobs: components["schemas"]["Job"][];
            /** @description null on the last page. */
            nextCursor: string | null;
        };
        WebhookDeliveryList: {
            /** @description One per event, oldest first. */
            deliveries: components["schemas"]["WebhookDelivery"][];
        };
        WebhookDelivery: {
            /**
             * @description The `webhook-id` header of every attempt (the CloudEvent id `{jobId}:{status}`): the same on retries, so a receiver drops what it has already handled.
             * @example job_01JDX3Q4N8X0C2M7V5B6K1D3EF:succeeded
             */
            webhookId: string;
            event: components["schemas"]["WebhookEvent"];
            url: string;
            state: components["schemas"]["DeliveryState"];
            /**
             * Format: date-time
             * @description When the job's change it announces was committed.
             */
            createdAt: string;
            /** @description Attempts made, including any older than the 30 kept in attempts. */
            attemptCount: number;
            /** @description The latest attempts, oldest first. */
            attempts: components["schemas"]["DeliveryAttempt"][];
            /**
             * Format: date-time
             * @description While pending: the next attempt.
             */
            nextAttemptAt?: string;
            /** Format: date-time */
            deliveredAt?: string;
            /** @description Why pixpipe stopped, once failed. */
            failureReason?: string;
        };
        /**
         * @description A change a job's webhook can be told of; sent as the CloudEvent type pixpipe.<event> (job.generating: PixVerse accepted the job; job.archiving: the result is being copied; then one of the terminal job.succeeded, job.failed, job.cancelled).
         * @example job.succeeded
         * @enum {string}
         */
        WebhookEvent: "job.generating" | "job.archiving" | "job.succeeded" | "job.failed" | "job.cancelled";
        /**
         * @description pending: an attempt is due (nextAttemptAt); delivered: the receiver answered 2xx; failed: pixpipe stopped (the receiver answered 410 Gone, the URL cannot be delivered to, or no attempt succeeded within 24 hours), see failureReason.
         * @enum {string}
         */
        DeliveryState: "pending" | "delivered" | "failed";
        /**
         * @description One POST to the webhook: when, the receiver's status code (absent when it did not answer), the time to its response, why it failed, the start of its response body (failed attempts), and the retry it led to.
         * @example {
         *       "at": "2026-12-01T12:03:10.000Z",
         *       "statusCode": 503,
         *       "latencyMs": 184,
         *       "error": "the receiver answered HTTP 503",
         *       "response": "upstream unavailable",
         *       "nextAttemptAt": "2026-12-01T12:03:40.000Z"
         *     }
         */
        DeliveryAttempt: {
            /** Format: date-time */
            at: string;
            statusCode?: number;
            latencyMs: number;
            error?: string;
            response?: string;
            /** Format: date-time */
            nextAttemptAt?: string;
        };
        UploadGrant: {
            /**
             * @description Use as { "upload": key } in a job input.
             * @example uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/cat.png
             */
            key: string;
            /**
             * Format: uri
             * @description PUT the file here, with the declared Content-Type and exactly the declared size.
             */
            uploadUrl: string;
            /**
             * Format: date-time
             * @example 2025-01-01T12:15:00.000Z
             */
            expiresAt: string;
        };
        UploadRequest: {
            /**
             * @description The file's media type; PUT it with this Content-Type.
             * @example image/png
             * @enum {string}
             */
            contentType: "image/jpeg" | "image/png" | "image/webp" | "video/mp4" | "video/quicktime" | "video/webm" | "audio/mpeg" | "audio/wav" | "audio/x-wav" | "audio/mp4" | "audio/x-m4a" | "audio/aac";
            /**
             * @description The file's name (no path), kept at the end of the upload's key.
             * @example cat.png
             */
            filename: string;
            /**
             * @description Exact size in bytes (images up to 20971520 bytes, videos up to 104857600 bytes, audios up to 52428800 bytes).
             * @example 482133
             */
            size: number;
        };
        MaskSelection: {
            /** @example 1 */
            keyframeId: number;
            /** @example https://media.pixverse.ai/keyframes/1.png */
            keyframeUrl: string;
            /**
             * @description Credits PixVerse charged for this call.
             * @example 2
             */
            credits?: number;
            masks: {
                /** @example m_1 */
                maskId: string;
                /** @example person */
                maskName: string;
                maskUrl: string;
            }[];
        };
        /**
         * @description The video to pick masks from and the keyframe (1 = first frame, the default).
         * @example {
         *       "video": {
         *         "job": "job_01J9Z3Q4N8X0C2M7V5B6K1D3EF"
         *       },
         *       "keyframe_id": 1
         *     }
         */
        MaskSelectionRequest: {
            /**
             * @description The video frame the masks are picked on (PixVerse's default 1).
             * @example 1
             */
            keyframe_id?: number;
            video: components["schemas"]["MediaRef"] & unknown;
        };
        CatalogPage: Record<string, never>;
        /**
         * @description Who the API key is: its tenant and what the key may do.
         * @example {
         *       "tenant": {
         *         "id": "acme",
         *         "name": "Acme Corp",
         *         "limits": {
         *           "maxInFlight": 3,
         *           "creditsPerDay": 2000
         *         }
         *       },
         *       "key": {
         *         "id": "key_01J9Z3Q4N8X0C2M7V5B6K1D3EF",
         *         "admin": false,
         *         "scopes": [
         *           "jobs:write",
         *           "jobs:read"
         *         ]
         *       }
         *     }
         */
        Me: {
            /** @description The tenant the key belongs to, with its limits (an absent one is none). */
            tenant: {
                /**
                 * @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>).
                 * @example ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
                 */
                id: string;
                name: string;
                limits: components["schemas"]["TenantLimits"];
            };
            /** @description The key the request was made with. */
            key: {
                /** @example key_01J9Z3Q4N8X0C2M7V5B6K1D3EF */
                id: string;
                /** @description Whether the key has the admin scope. */
                admin: boolean;
                scopes: components["schemas"]["ApiKeyScope"][];
            };
        };
        /**
         * @description Per-tenant limits; an absent one is no limit. maxInFlight: generations of the tenant at PixVerse at once (more jobs wait in queued); creditsPerDay / creditsPerMonth: PixVerse credits per UTC day / month.
         * @example {
         *       "maxInFlight": 3,
         *       "creditsPerDay": 2000
         *     }
         */
        TenantLimits: {
            maxInFlight?: number;
            creditsPerDay?: number;
            creditsPerMonth?: number;
        };
        /**
         * @description admin: tenants, keys, every tenant's usage, the PixVerse balance; jobs:write: create and cancel jobs, uploads, masks, the webhook secret; jobs:read: list, get, watch and download jobs, the catalogue, the tenant's usage. jobs:write is always issued with jobs:read.
         * @enum {string}
         */
        ApiKeyScope: "admin" | "jobs:write" | "jobs:read";
        Balance: {
            /**
             * @description PixVerse account id (a string: ids exceed 2^53).
             * @example 123452341
             */
            accountId: string;
            /**
             * @description Monthly subscription credits left.
             * @example 1069020
             */
            creditMonthly: number;
            /**
             * @description Purchased credits left.
             * @example 3630
             */
            creditPackage: number;
        };
        /** @description Usage of at most 366 days. A job counts on the UTC day it was created, its outcome and credits too. By day every day of the range is listed; by type and tenant those with usage. */
        UsageReport: {
            /** @description null: every tenant together. */
            tenantId: string | null;
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD.
             * @example 2026-03-01
             */
            from: string;
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD.
             * @example 2026-03-01
             */
            to: string;
            /** @enum {string} */
            groupBy: "day" | "type" | "tenant";
            groups: {
                /**
                 * @description The day, job type or tenant id.
                 * @example 2026-03-01
                 */
                key: string;
                jobs: components["schemas"]["UsageJobCounts"];
                /** @description PixVerse credits the jobs spent, as PixVerse reported them. */
                credits: number;
            }[];
            totals: {
                jobs: components["schemas"]["UsageJobCounts"];
                /** @description PixVerse credits the jobs spent, as PixVerse reported them. */
                credits: number;
            };
        };
        /** @description Jobs created in the period, and how many of them ended so. */
        UsageJobCounts: {
            created: number;
            succeeded: number;
            failed: number;
            cancelled: number;
        };
        WebhookSecret: {
            /**
             * @description The Standard Webhooks signing secret (whsec_ + base64) your receiver verifies with.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Until then deliveries are also signed with the secret this one replaced; null if not.
             */
            previousExpiresAt: string | null;
        };
        RotateWebhookSecretRequest: {
            /**
             * @description How long deliveries are signed with the old secret too (default 86400, one day; 0: not at all). Rotating again within it ends the older secret's overlap.
             * @example 3600
             */
            overlapSeconds?: number;
        };
        /** @description A tenant: whose jobs, keys, limits and usage go together. */
        Tenant: {
            /**
             * @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>).
             * @example ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            id: string;
            name: string;
            status: components["schemas"]["TenantStatus"];
            limits: components["schemas"]["TenantLimits"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description A disabled tenant's keys get 403 tenant_disabled; its jobs already accepted still finish.
         * @enum {string}
         */
        TenantStatus: "active" | "disabled";
        CreateTenantRequest: {
            /**
             * @description A chosen id; ten_<ULID> when absent.
             * @example ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            id?: string;
            /** @example Acme Corp */
            name: string;
            /**
             * @description active (the default) or disabled.
             * @enum {string}
             */
            status?: "active" | "disabled";
            limits?: components["schemas"]["TenantLimits"];
        };
        /** @description Tenants by id (generated ids sort by creation). */
        TenantList: {
            tenants: components["schemas"]["Tenant"][];
            /** @description null on the last page. */
            nextCursor: string | null;
        };
        /**
         * @description A JSON Merge Patch (RFC 7396): absent fields stay as they are.
         * @example {
         *       "status": "disabled",
         *       "limits": {
         *         "creditsPerDay": null
         *       }
         *     }
         */
        UpdateTenantRequest: {
            name?: string;
            status?: components["schemas"]["TenantStatus"];
            /** @description Merged into the tenant's limits: a number sets one, null removes it. */
            limits?: {
                /** @description null removes maxInFlight. */
                maxInFlight?: number | null;
                /** @description null removes creditsPerDay. */
                creditsPerDay?: number | null;
                /** @description null removes creditsPerMonth. */
                creditsPerMonth?: number | null;
            };
        };
        /** @description A new key with its secret, shown this once. */
        IssuedApiKey: {
            id: string;
            /**
             * @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>).
             * @example ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            tenantId: string;
            prefix: string;
            label: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /**
             * @description The key itself: send it as Authorization: Bearer <secret>. Shown only in this answer.
             * @example pp_live_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv1.ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            secret: string;
        };
        CreateApiKeyRequest: {
            /**
             * @description What the key is for.
             * @example render server
             */
            label: string;
            /** @description Any of admin, jobs:write, jobs:read; jobs:write (with jobs:read) when absent. */
            scopes?: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @description When the key stops working (whole seconds); never when absent.
             */
            expiresAt?: string;
        };
        /** @description The tenant's keys, oldest first. */
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
        };
        /** @description An API key as listed: its prefix tells it apart, its secret is never shown again. lastUsedAt has minute resolution; an expired key is refused (and removed from the table days later). */
        ApiKey: {
            id: string;
            /**
             * @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>).
             * @example ten_01J9Z3Q4N8X0C2M7V5B6K1D3EF
             */
            tenantId: string;
            prefix: string;
            label: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
        };
        RotatedApiKey: {
            key: components["schemas"]["IssuedApiKey"];
            previous: components["schemas"]["ApiKey"] & unknown;
        };
        RotateApiKeyRequest: {
            /**
             * @description How long the old key keeps working (default 86400, one day; 0: it stops now). Never beyond an expiry it already had.
             * @example 3600
             */
            overlapSeconds?: number;
        };
        Health: {
            /** @enum {boolean} */
            ok: true;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listJobs: {
        parameters: {
            query?: {
                /** @description Where the job is in its lifecycle; succeeded, failed and cancelled are terminal. */
                status?: components["schemas"]["JobStatus"];
                /** @description The PixVerse capability the job runs. */
                type?: components["schemas"]["JobType"];
                /** @description Only jobs created strictly after this instant. ISO-8601 with an offset; millisecond precision. */
                createdAfter?: string;
                /** @description Only jobs created strictly before this instant. ISO-8601 with an offset; millisecond precision. */
                createdBefore?: string;
                /** @description Page size. With a type filter a page may hold fewer jobs (at most 1000 jobs are looked at per request); follow nextCursor until it is null. */
                limit?: number;
                /** @description The nextCursor of the previous page, with the same filters. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240. `wait=N`: answer once the job has finished (201) or after N seconds (202, the job as it stands then), at most 25 s; Preference-Applied says the wait used. Other preferences are ignored. */
                prefer?: string;
                /** @description Same key and same body return the same job (200); same key and another body: 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateJobRequest"];
            };
        };
        responses: {
            /** @description The Idempotency-Key was seen before with this body: the earlier job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description With Prefer: wait, the job was created and finished within the wait (succeeded, failed or cancelled). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The job was accepted; it runs on (with Prefer: wait, it had not finished within the wait). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description quota_exceeded: the tenant's credit budget per day or month (UTC) is spent; the message and details give the budget and the reset time, Retry-After the seconds until it. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: {
                /** @description Long poll: answer as soon as the job's status or progress changes, or after this many seconds (at most 25) with the job as it is. A finished job answers at once. */
                wait?: number | null;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listJobDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job's deliveries, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJobVideo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to a short-lived presigned URL of the archived video. */
            302: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadRequest"];
            };
        };
        responses: {
            /** @description Upload the file with the returned URL before it expires. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadGrant"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    selectMasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaskSelectionRequest"];
            };
        };
        responses: {
            /** @description The keyframe and its masks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskSelection"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description insufficient_credits: the PixVerse account has no credits left for this call. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description media_unavailable: a media reference cannot be fetched; content_rejected: PixVerse moderation refused the content; pixverse_rejected: PixVerse refused the request (its message says why). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description pixverse_unavailable: PixVerse could not answer; try again shortly. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCatalog: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: 10 | 20 | 50 | 100;
                /** @description templates only: video templates (effect jobs) or image templates (image_template jobs). */
                type?: "video" | "image";
                /** @description voices only: PixVerse's own voices (system), the account's custom voices (custom) or both (all, PixVerse's default). */
                speakerType?: "system" | "custom" | "all";
            };
            header?: never;
            path: {
                /** @description templates: effect and image templates; restyles: restyle presets; voices: lip-sync voices. */
                kind: "templates" | "restyles" | "voices";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list as PixVerse returns it (cached briefly). */
            200: {
                headers: {
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogPage"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description pixverse_unavailable: PixVerse could not answer; try again shortly. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who the key is. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The balance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Balance"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description pixverse_unavailable: PixVerse could not answer; try again shortly. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description First day (default: 29 days before to). */
                from?: string;
                /** @description Last day, included (default: today, UTC). */
                to?: string;
                /** @description day: every day of the range; type: per job type; tenant: per tenant (for every tenant). */
                groupBy?: "day" | "type" | "tenant";
                /** @description Admin keys only (another tenant than the key's): this tenant. An admin key that names none gets every tenant together; any other key always gets its own tenant. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Verify deliveries' webhook-signature with this secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretRequest"];
            };
        };
        responses: {
            /** @description The new secret. Until previousExpiresAt deliveries carry a signature by each secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description The nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of tenants. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantList"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantRequest"];
            };
        };
        responses: {
            /** @description The tenant. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["UpdateTenantRequest"];
                "application/json": components["schemas"]["UpdateTenantRequest"];
            };
        };
        responses: {
            /** @description The tenant as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant's keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The key with its secret: keep it now, pixpipe stores only its hash. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedApiKey"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant id: chosen at creation (ops, acme) or generated (ten_<ULID>). */
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key with its secret (shown once), and the old key with its expiry. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedApiKey"];
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description forbidden: the API key lacks the scope this operation needs (its security requirement names it); tenant_disabled: the key's tenant is disabled. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this API key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receivePixverseWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description PixVerse video id */
                    id?: string;
                    /** @description 1 success, 5 generating, 7 moderation failed, 8 failed */
                    status?: number;
                    url?: string;
                    size?: number;
                    has_audio?: boolean;
                    credits?: number;
                };
            };
        };
        responses: {
            /** @description Accepted; the body is exactly `ok`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": "ok";
                };
            };
            /** @description The request is invalid (details lists every problem). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description payload_too_large: the body is over 1 MiB. (API Gateway answers bodies over its own limits, 6 MB for the function, with its own `{"message"}` body; docs/deploy.md.) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error; the message carries a request id to quote. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
}
