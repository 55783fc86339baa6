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
        /** PixVerse's effect templates, restyle presets or lip-sync voices */
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
        Error: {
            error: {
                /**
                 * @description Stable snake_case code.
                 * @example invalid_request
                 */
                code: string;
                /** @description Human-readable sentence. */
                message: string;
                /** @description Every problem found, for validation errors. */
                details?: components["schemas"]["Problem"][];
            };
        };
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
        /**
         * @example {
         *       "type": "text_to_video",
         *       "input": {
         *         "model": "v5",
         *         "prompt": "A cat surfing at sunset",
         *         "duration": 5,
         *         "quality": "540p",
         *         "aspect_ratio": "16:9"
         *       },
         *       "metadata": {
         *         "orderId": "A-1042"
         *       }
         *     }
         */
        CreateJobRequest: components["schemas"]["CreateTextToVideoJob"] | components["schemas"]["CreateImageToVideoJob"] | components["schemas"]["CreateEffectJob"] | components["schemas"]["CreateTransitionJob"] | components["schemas"]["CreateMultiTransitionJob"] | components["schemas"]["CreateFusionJob"] | components["schemas"]["CreateExtendJob"] | components["schemas"]["CreateModifyJob"] | components["schemas"]["CreateRestyleJob"] | components["schemas"]["CreateSoundEffectJob"] | components["schemas"]["CreateLipSyncJob"] | components["schemas"]["CreateSwapJob"] | components["schemas"]["CreateMimicJob"] | components["schemas"]["CreateUpscaleJob"] | components["schemas"]["CreateImageTemplateJob"];
        CreateTextToVideoJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text_to_video";
            input: components["schemas"]["TextToVideoInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's text_to_video parameters (PixVerse field names; media as MediaRef). */
        TextToVideoInput: {
            prompt: string;
            /** @enum {string} */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            duration: number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            /** @enum {string} */
            aspect_ratio: "16:9" | "9:16" | "1:1" | "4:3" | "3:4" | "2:3" | "3:2" | "21:9";
            negative_prompt?: string;
            seed?: number;
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            /** @enum {string} */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /** @enum {string} */
            camera_movement?: "horizontal_left" | "horizontal_right" | "vertical_up" | "vertical_down" | "zoom_in" | "zoom_out" | "auto_camera" | "crane_up" | "quickly_zoom_in" | "quickly_zoom_out" | "smooth_zoom_in" | "camera_rotation" | "robo_arm" | "super_dolly_out" | "whip_pan" | "hitchcock" | "left_follow" | "right_follow" | "pan_left" | "pan_right" | "fix_bg" | "default";
            template_id?: string | number;
            generate_multi_clip_switch?: boolean;
            /** @enum {string} */
            thinking_type?: "enabled" | "disabled" | "auto";
            water_mark?: boolean;
            generate_audio_switch?: boolean;
            sound_effect_switch?: boolean;
            sound_effect_content?: string;
            /** @enum {string} */
            sound_mode?: "default_music";
            play_bgm?: boolean;
            lip_sync_tts_switch?: boolean;
            lip_sync_tts_content?: string;
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
        CreateImageToVideoJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_to_video";
            input: components["schemas"]["ImageToVideoInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's image_to_video parameters (PixVerse field names; media as MediaRef). */
        ImageToVideoInput: {
            prompt: string;
            /** @enum {string} */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            duration: number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            negative_prompt?: string;
            seed?: number;
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            /** @enum {string} */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            /** @enum {string} */
            camera_movement?: "horizontal_left" | "horizontal_right" | "vertical_up" | "vertical_down" | "zoom_in" | "zoom_out" | "auto_camera" | "crane_up" | "quickly_zoom_in" | "quickly_zoom_out" | "smooth_zoom_in" | "camera_rotation" | "robo_arm" | "super_dolly_out" | "whip_pan" | "hitchcock" | "left_follow" | "right_follow" | "pan_left" | "pan_right" | "fix_bg" | "default";
            generate_multi_clip_switch?: boolean;
            /** @enum {string} */
            thinking_type?: "enabled" | "disabled" | "auto";
            water_mark?: boolean;
            generate_audio_switch?: boolean;
            sound_effect_switch?: boolean;
            sound_effect_content?: string;
            /** @enum {string} */
            sound_mode?: "default_music";
            play_bgm?: boolean;
            lip_sync_tts_switch?: boolean;
            lip_sync_tts_content?: string;
            lip_sync_tts_speaker_id?: string;
            image: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateEffectJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "effect";
            input: components["schemas"]["EffectInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's effect parameters (PixVerse field names; media as MediaRef). */
        EffectInput: {
            template_id: string | number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            prompt?: string;
            /** @enum {string} */
            model?: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            duration?: number;
            seed?: number;
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            water_mark?: boolean;
            play_bgm?: boolean;
            sound_effect_switch?: boolean;
            sound_effect_content?: string;
            /** @enum {string} */
            sound_mode?: "default_music";
            image?: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            images?: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            }[];
        };
        CreateTransitionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "transition";
            input: components["schemas"]["TransitionInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's transition parameters (PixVerse field names; media as MediaRef). */
        TransitionInput: {
            prompt: string;
            /** @enum {string} */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            duration: number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            negative_prompt?: string;
            /** @enum {string} */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            seed?: number;
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            water_mark?: boolean;
            generate_audio_switch?: boolean;
            sound_effect_switch?: boolean;
            sound_effect_content?: string;
            /** @enum {string} */
            sound_mode?: "default_music";
            play_bgm?: boolean;
            lip_sync_tts_switch?: boolean;
            lip_sync_tts_content?: string;
            lip_sync_tts_speaker_id?: string;
            first_frame: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            last_frame: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateMultiTransitionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "multi_transition";
            input: components["schemas"]["MultiTransitionInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's multi_transition parameters (PixVerse field names; media as MediaRef). */
        MultiTransitionInput: {
            /** @enum {string} */
            model: "v3.5" | "v4" | "v4.5" | "v5";
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            seed?: number;
            multi_transition: {
                duration?: number;
                prompt?: string;
                image: {
                    upload?: string;
                    /** Format: uri */
                    url?: string;
                    job?: string;
                };
            }[];
        };
        CreateFusionJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "fusion";
            input: components["schemas"]["FusionInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's fusion parameters (PixVerse field names; media as MediaRef). */
        FusionInput: {
            prompt: string;
            /** @enum {string} */
            model: "v4.5" | "v5" | "v5.5" | "v5.6" | "v6" | "c1";
            duration: number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            /** @enum {string} */
            aspect_ratio: "16:9" | "9:16" | "1:1" | "4:3" | "3:4" | "2:3" | "3:2" | "21:9" | "auto";
            negative_prompt?: string;
            /** @enum {string} */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            seed?: number;
            generate_audio_switch?: boolean;
            /** @enum {string} */
            reference_mode?: "omni";
            image_references?: {
                /** @enum {string} */
                type: "subject" | "background";
                ref_name: string;
                image: {
                    upload?: string;
                    /** Format: uri */
                    url?: string;
                    job?: string;
                };
            }[];
            video_references?: {
                ref_name: string;
                video: {
                    upload?: string;
                    /** Format: uri */
                    url?: string;
                    job?: string;
                };
            }[];
        };
        CreateExtendJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "extend";
            input: components["schemas"]["ExtendInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's extend parameters (PixVerse field names; media as MediaRef). */
        ExtendInput: {
            prompt: string;
            /** @enum {string} */
            model: "v3.5" | "v4" | "v4.5" | "v5" | "v5.5" | "v6";
            duration: number;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p" | "1080p";
            seed: number;
            /** @enum {string} */
            motion_mode?: "normal" | "fast";
            /** @enum {string} */
            style?: "anime" | "3d_animation" | "clay" | "comic" | "cyberpunk" | "realistic";
            negative_prompt?: string;
            template_id?: string | number;
            water_mark?: boolean;
            generate_audio_switch?: boolean;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateModifyJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "modify";
            input: components["schemas"]["ModifyInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's modify parameters (PixVerse field names; media as MediaRef). */
        ModifyInput: {
            prompt: string;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p";
            mask_ids?: string[];
            mask_urls?: string[];
            keyframe_ids?: number[];
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            images?: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            }[];
        };
        CreateRestyleJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "restyle";
            input: components["schemas"]["RestyleInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's restyle parameters (PixVerse field names; media as MediaRef). */
        RestyleInput: {
            restyle_id?: string | number;
            restyle_prompt?: string;
            seed?: number;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateSoundEffectJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sound_effect";
            input: components["schemas"]["SoundEffectInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's sound_effect parameters (PixVerse field names; media as MediaRef). */
        SoundEffectInput: {
            prompt?: string;
            sound_effect_content?: string;
            original_sound_switch?: boolean;
            seed?: number;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateLipSyncJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lip_sync";
            input: components["schemas"]["LipSyncInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's lip_sync parameters (PixVerse field names; media as MediaRef). */
        LipSyncInput: {
            lip_sync_tts_speaker_id?: string;
            lip_sync_tts_content?: string;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            audio?: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateSwapJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "swap";
            input: components["schemas"]["SwapInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's swap parameters (PixVerse field names; media as MediaRef). */
        SwapInput: {
            keyframe_id?: number;
            mask_id?: string;
            /** @enum {string} */
            quality: "360p" | "540p" | "720p";
            original_sound_switch?: boolean;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            image: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateMimicJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mimic";
            input: components["schemas"]["MimicInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's mimic parameters (PixVerse field names; media as MediaRef). */
        MimicInput: {
            /** @enum {string} */
            quality: "360p" | "540p" | "720p";
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
            image: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateUpscaleJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "upscale";
            input: components["schemas"]["UpscaleInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's upscale parameters (PixVerse field names; media as MediaRef). */
        UpscaleInput: {
            /** @enum {string} */
            quality?: "360p" | "540p" | "720p" | "1080p";
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
        };
        CreateImageTemplateJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_template";
            input: components["schemas"]["ImageTemplateInput"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description PixVerse's image_template parameters (PixVerse field names; media as MediaRef). */
        ImageTemplateInput: {
            template_id: string | number;
            images: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            }[];
        };
        JobList: {
            jobs: components["schemas"]["Job"][];
            /** @description null on the last page. */
            nextCursor: string | null;
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
             * @example image/png
             * @enum {string}
             */
            contentType: "image/jpeg" | "image/png" | "image/webp" | "video/mp4" | "video/quicktime" | "video/webm" | "audio/mpeg" | "audio/wav" | "audio/x-wav" | "audio/mp4" | "audio/x-m4a" | "audio/aac";
            /** @example cat.png */
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
            keyframe_id?: number;
            video: {
                upload?: string;
                /** Format: uri */
                url?: string;
                job?: string;
            };
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
    getCatalog: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: 10 | 20 | 50 | 100;
                /** @description templates only: video templates (effect jobs) or image templates (image_template jobs). */
                type?: "video" | "image";
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
