// Generated from the service's OpenAPI document by `npm run web:api`; do not edit.
// test/web-api-types.e2e-spec.ts fails when this file and the API differ.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Home page: what the service is, links to the web app, the public contests and /docs (Vietnamese; English with ?lang=en or Accept-Language: en) */
        get: operations["PagesController_home"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs by queue and state: how many, the oldest, how many are due */
        get: operations["JobsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Discard a dead job */
        delete: operations["JobsController_discard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a dead job back in its queue with its attempts counted anew */
        post: operations["JobsController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/dead/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Discard every dead job (of one queue) */
        post: operations["JobsController_discardAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/dead/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put every dead job (of one queue) back in its queue */
        post: operations["JobsController_retryAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs in one state (dead by default), most recently changed first, with their last error */
        get: operations["JobsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/socket.io.min.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** socket.io's browser client, served from the application */
        get: operations["PagesController_socketIo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who did what and when, newest first, filterable
         * @description Administrators see every record; organizers only a contest they organize (contestId required).
         */
        get: operations["AuditListingController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email or phone number and password */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this login session
         * @description With a Bearer token, the body names the refresh token. In cookie mode (authenticated by the ht_access cookie, with X-CSRF-Token) the session of the cookie ends and the three cookies are cleared.
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every login session of this account
         * @description In cookie mode the cookies are cleared too.
         */
        post: operations["AuthController_logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account behind the access token */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the signed-in account's name, unit, email or phone
         * @description Only the fields sent change. The unit must exist and be active.
         */
        patch: operations["AuthController_updateMe"];
        trace?: never;
    };
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every session is revoked */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgotten password: send a code to the account's phone
         * @description Always 202 with the same body, whether or not the number has an account (the code is sent only to an account). Limited like phone verification codes, per phone and per client address (429 phone_verification.send_limited with Retry-After). Then POST /auth/password/reset with the code.
         */
        post: operations["AuthController_forgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the code sent to the phone; every session is revoked
         * @description Refusals: auth.reset_code_wrong (400, with the tries left in the message, in the field error of `code` and in X-Attempts-Remaining), auth.reset_code_expired (400), auth.reset_no_code (400), auth.reset_too_many_attempts (429: request a new code).
         */
        post: operations["AuthController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade a refresh token for a new pair (the old one stops working)
         * @description In cookie mode (X-Auth-Mode: cookie) the refresh token is read from the ht_refresh cookie, the X-CSRF-Token header must match the ht_csrf cookie, and new cookies are set. A refresh token used twice ends its whole login session (auth.refresh_reused).
         */
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A contestant registers under a union unit
         * @description Answers the account; in cookie mode (X-Auth-Mode: cookie) the account is also logged in (cookies set) and the answer is a CookieSessionView.
         */
        post: operations["AuthController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contests the caller may see: all for admins, else own and public ones */
        get: operations["ContestsController_list"];
        put?: never;
        /** Create a contest (draft); the creator becomes one of its organizers */
        post: operations["ContestsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One contest with its categories and rounds */
        get: operations["ContestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a contest: texts, slug, time zone, settings (organizers) */
        patch: operations["ContestsController_update"];
        trace?: never;
    };
    "/contests/{contestId}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contest's categories with their rules */
        get: operations["CategoriesController_list"];
        put?: never;
        /** Add a category with its rules (organizers) */
        post: operations["CategoriesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One category */
        get: operations["CategoriesController_get"];
        put?: never;
        post?: never;
        /** Delete a category without entries (organizers) */
        delete: operations["CategoriesController_remove"];
        options?: never;
        head?: never;
        /** Change a category; rules are replaced as a whole (organizers) */
        patch: operations["CategoriesController_update"];
        trace?: never;
    };
    "/contests/{contestId}/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is still missing before the contest can open (organizers) */
        get: operations["ContestsController_getChecklist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List entries: organizers all, contestants their unit, judges those in judging */
        get: operations["EntriesController_list"];
        put?: never;
        /** Create a draft entry for the caller's unit (contestants) */
        post: operations["EntriesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/entries/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish entries of a contest (all publishable ones, or some) */
        post: operations["EntriesController_publishMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/entries/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screen many entries with one decision (organizers): each is decided as if alone; those that cannot take it are left unchanged and said why */
        post: operations["EntriesController_screenMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations not yet accepted nor withdrawn, newest first (organizers) */
        get: operations["ContestsController_listInvitations"];
        put?: never;
        /**
         * Invite a judge or co-organizer by phone or email (organizers)
         * @description A code valid for 7 days goes out through the notification provider (with the app link /app/#/invite/<code>); a new invitation to the same person for the same role replaces the pending one. The code is never returned.
         */
        post: operations["ContestsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a pending invitation (organizers) */
        delete: operations["ContestsController_revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contest's organizers, judges and contestants (organizers) */
        get: operations["ContestsController_listMembers"];
        put?: never;
        /** Add an organizer, judge or contestant, optionally limited to some categories */
        post: operations["ContestsController_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (the last organizer stays) */
        delete: operations["ContestsController_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contest's rounds in order, times in UTC and in local time */
        get: operations["RoundsController_list"];
        put?: never;
        /** Add a round; times are read in the contest's time zone unless they carry an offset */
        post: operations["RoundsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/rounds/{roundId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One round */
        get: operations["RoundsController_get"];
        put?: never;
        post?: never;
        /** Delete a round that has not opened (organizers) */
        delete: operations["RoundsController_remove"];
        options?: never;
        head?: never;
        /** Change a round (organizers) */
        patch: operations["RoundsController_update"];
        trace?: never;
    };
    "/contests/{contestId}/rounds/{roundId}/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forward entries of a round to the next: by hand, or the top N of each category (per unit of the round's scope) by the fixed result; only within the rounds' window and state unless overridden with a reason */
        post: operations["EntriesController_advance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/rounds/{roundId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open or close a round (organizers) */
        post: operations["RoundsController_changeStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contests/{contestId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the contest on: draft → open → judging → closed → published (organizers) */
        post: operations["ContestsController_changeStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/control/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organizer control page of a session (login through the API) */
        get: operations["PagesController_control"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry, as the caller may see it */
        get: operations["EntriesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a draft (its unit, until the submission round closes) */
        patch: operations["EntriesController_update"];
        trace?: never;
    };
    "/entries/{id}/award": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Award an advanced entry (organizers) */
        post: operations["EntriesController_award"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entry's rounds and its audit trail (organizers) */
        get: operations["EntriesController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish one entry: it gets a stable public page (organizers) */
        post: operations["EntriesController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rounds an entry went through (its own unit, or the organizers)
         * @description Where the entry stands in each round it reached: in it now, forwarded to the next, or stopped there. The contestant portal shows it as the entry's history.
         */
        get: operations["EntriesController_rounds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screening: eligible; disqualified with a reason; or returned to the contestant with a reason (a draft again, editable and submitted again until the deadline) (organizers) */
        post: operations["EntriesController_screen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a draft: freezes a version; refused after the deadline */
        post: operations["EntriesController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entries/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a submitted entry (before screening) */
        post: operations["EntriesController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the process is up and its dependencies answer */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness (alias of GET /health) */
        get: operations["HealthController_readyAlias"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation with its code (the invited phone or email must be the account’s) */
        post: operations["InvitationsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/entries/{entryId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contestant's own entry: published results by criterion, rank and prize */
        get: operations["JudgeController_entryResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/my-rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The judge's home: the rounds they sit on, windows and progress (submitted of assigned) */
        get: operations["JudgeController_myRounds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign judges: quorum per entry, balanced loads, no conflicts (seeded); entries short of the quorum say why. Only within the judging window unless overridden */
        post: operations["JudgingController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every entry with its judges, the loads, and the entries short of the quorum with why */
        get: operations["JudgingController_assignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the round and fix its ranking; refused without quorum unless forced with a reason */
        post: operations["JudgingController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/entries/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An assigned entry (frozen version) with its rubric and the judge’s sheet */
        get: operations["JudgeController_entry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/entries/{entryId}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An assigned entry's files with fresh signed addresses (for <video>, <img>, <audio>) */
        get: operations["JudgeController_entryMedia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/entries/{entryId}/recusal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare a conflict of interest with an entry (with a reason), within the judging window */
        post: operations["JudgeController_recuse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/entries/{entryId}/sheet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The judge's own sheet for an entry (null when none) */
        get: operations["JudgeController_sheet"];
        /** Save a draft, submit, or revise, while the round is open and within its judging window; audited */
        put: operations["JudgeController_save"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CSV (UTF-8): the score matrix, the ranking or the prizes */
        get: operations["JudgingController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** XLSX: score matrix, ranking and prizes, print-ready */
        get: operations["JudgingController_xlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/final": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jury and public scores combined by the contest weights, prizes per category */
        get: operations["JudgingController_final"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a judge to the panel mid-round; the assignment rebalances */
        post: operations["JudgingController_addJudge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/panel/{judgeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a judge; submitted sheets stay, unstarted assignments move */
        delete: operations["JudgingController_removeJudge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/panel/{judgeId}/replace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a judge; submitted sheets stay, unstarted assignments move */
        post: operations["JudgingController_replaceJudge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every judge's progress */
        get: operations["JudgingController_progress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the results (contestants then see their breakdown) */
        post: operations["JudgingController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The judge's assigned entries and progress */
        get: operations["JudgeController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remind the judges with sheets left (or those chosen): on their sockets, and to their phone through the notification gateway (audited) */
        post: operations["JudgingController_remind"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ranking (live until closed, then fixed), with the tie-break that decided each place */
        get: operations["JudgingController_ranking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/rubrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The round's rubrics (organizers and judges) */
        get: operations["JudgingController_rubrics"];
        /** Create or replace the rubric of a category (or the default); once scoring started, a reason is required and the affected sheets reopen */
        put: operations["JudgingController_putRubric"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/rounds/{roundId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Quorum, aggregation method and tie-breaks of the round, as a whole: a field left out takes its default (audited) */
        put: operations["JudgingController_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/judging/sheets/{sheetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sheet: its judge or an organizer only */
        get: operations["JudgeController_sheetById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entry's files that the caller may see */
        get: operations["MediaController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file: status, reason, facts and available versions */
        get: operations["MediaController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{id}/{variant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bytes of a file or of one of its versions (Range, ETag, Cache-Control)
         * @description Originals and documents are downloads (Content-Disposition: attachment). A signed address (u, s, r, e, sig: given with a judged entry) stands in for the Authorization header; it is refused after its expiry, for anyone signed in as someone else, and as soon as its viewer loses access (403).
         */
        get: operations["MediaController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a small file to an entry (multipart, field "file"); large files use tus
         * @description Streams to disk while hashing, checks the content (not the name) and queues processing. Resumable uploads: tus 1.0 at /media/uploads/tus with Upload-Metadata entryId, filename, filetype.
         */
        post: operations["MediaController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This instance's metrics in Prometheus' text format. Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; not served here when METRICS_PORT is set (it is served there), nor in production without either */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search units by name (diacritics and case ignored) or code prefix, with a cursor (anyone: sign-up picks a unit) */
        get: operations["OrgUnitsController_list"];
        put?: never;
        /** Create a union unit (administrators) */
        post: operations["OrgUnitsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One unit with its ancestors (breadcrumb) */
        get: operations["OrgUnitsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Direct children of a unit, by name, with a cursor */
        get: operations["OrgUnitsController_children"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/dissolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dissolve a unit that has no active sub-units */
        post: operations["OrgUnitsController_dissolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Renames, moves and merges of a unit, oldest first */
        get: operations["OrgUnitsController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge units into this one
         * @description The sources become "merged" (kept for history and for entries submitted under them); their active sub-units move under this unit. Organizers: target and sources under their own unit.
         */
        post: operations["OrgUnitsController_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a unit, with everything under it, under another parent; organizers only within their own unit */
        post: operations["OrgUnitsController_move"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/recode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the code of a unit */
        post: operations["OrgUnitsController_recode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename a unit (and optionally change its level label); organizers only under their own unit */
        post: operations["OrgUnitsController_rename"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/{id}/subtree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All units under a unit
         * @description Active units by default. With includeHistorical=true, also merged and dissolved units that were under it, and units merged into any unit of the subtree (recursively).
         */
        get: operations["OrgUnitsController_subtree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/org-units/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import units from CSV or XLSX (administrators; organizers under their own unit)
         * @description The raw file is the body (Content-Type text/csv or the XLSX type; at most 5 MB). Columns: code, name, kind, parent_code (or "mã", "tên", "cấp", "mã đơn vị cha"). Units are matched by code: new ones are created, existing ones renamed or moved when they differ. All or nothing: a bad row refuses the file with errors such as `rows.12.parent_code` (12 being the row number in the file, the header being row 1). `dryRun=true` only reports.
         */
        post: operations["OrgUnitsController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/overlay/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Livestream overlay for OBS's browser source (transparent) */
        get: operations["PagesController_overlay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p/{publicId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A published entry: JSON, or a light HTML page with Open Graph tags for sharing */
        get: operations["PublicController_entry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/phone-verification/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a one-time code to a Vietnamese phone number (SMS / Zalo gateway)
         * @description Limited per phone, per client address and per device (429 phone_verification.send_limited with Retry-After). The code expires after OTP_TTL_SECONDS and allows OTP_MAX_ATTEMPTS tries.
         */
        post: operations["PhoneVerificationController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/phone-verification/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a code; gives a verified-phone token to vote with (phoneToken)
         * @description Refusals: phone_verification.wrong_code (400, with the tries left), code_expired (410), too_many_attempts (429), no_code (400).
         */
        post: operations["PhoneVerificationController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/contests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contests open to the public (open, judging, closed, published) */
        get: operations["PublicContestsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/contests/{idOrSlug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One public contest, by id or slug, with its categories and rounds */
        get: operations["PublicContestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/contests/{slug}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contest's public results: sessions' tallies (unless hidden), chain heads, published entries */
        get: operations["PagesController_results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/voting-sessions/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A voting session's entries as viewers see them (title, unit, picture) */
        get: operations["PagesController_sessionEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/results/{contestSlug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public results page of a contest, with a share preview */
        get: operations["PagesController_resultsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts, by id, with a cursor */
        get: operations["UsersController_list"];
        put?: never;
        /** Create an account (organizers, judges, admins, contestants) */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        /** Delete an account; its tokens stop working at once */
        delete: operations["UsersController_remove"];
        options?: never;
        head?: never;
        /** Change an account's kind or status; its open sessions and sockets follow at once */
        patch: operations["UsersController_changeAccess"];
        trace?: never;
    };
    "/v/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Voting page of a session (mobile, Vietnamese) */
        get: operations["PagesController_vote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/device-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a device token a viewer votes with (signed, no account needed)
         * @description Limited per client address (IPv6: per /64) and per browser fingerprint when one is sent (429 voting.device_tokens_limited with Retry-After). A vote sooner than VOTE_MIN_HUMAN_MS after its token was issued is held as too fast.
         */
        post: operations["VotingController_deviceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/receipts/{voteId}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check a vote receipt: counted, held for review, or voided; with the chain head */
        get: operations["VoteIntegrityController_receipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contest's voting sessions, or one round's, oldest first (organizers) */
        get: operations["VotingController_list"];
        put?: never;
        /** Create a voting session for a public-vote round (organizers) */
        post: operations["VotingController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A voting session: its entries, window and rules */
        get: operations["VotingController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the title, rules, schedule, mode or entries */
        patch: operations["VotingController_update"];
        trace?: never;
    };
    "/voting/sessions/{id}/integrity/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the hash chain and recompute every tally from the stored votes (organizers) */
        post: operations["VoteIntegrityController_recount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Votes held by fraud signals (organizers), oldest first */
        get: operations["VoteIntegrityController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/quarantine/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release (count) or void held votes, chosen or all at once (audited) */
        post: operations["VoteIntegrityController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compare the live tallies with a count of the stored votes */
        get: operations["VotingController_recount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch the entry on stage (the only votable one in on_stage mode) */
        post: operations["VotingController_stage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open, pause or close now (broadcast at once) */
        post: operations["VotingController_act"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/tallies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counted votes per entry (null for the public while the organizers hide them) */
        get: operations["VotingController_tallies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/visibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hide or show live numbers to the public (organizers still see them) */
        post: operations["VotingController_visibility"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/sessions/{id}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cast a vote (answered after it is committed)
         * @description The Idempotency-Key is the vote id (a UUID the app makes once per vote): sending it again answers 200 already_counted and never counts twice; the same key with another body is 409 voting.idempotency_mismatch. Refusals: voting.window_closed, voting.entry_not_votable, voting.limit_reached, voting.identity_required. 503 voting.unavailable / voting.busy: send the same vote again after Retry-After.
         */
        post: operations["VotingController_cast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voting/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operational figures for benchmarks (404 unless VOTING_STATS_ENDPOINT is on) */
        get: operations["VotingController_stats"];
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
        AcceptedInvitationView: {
            /** @description The account became a judge's (a contestant's account that had never entered): sign-in again or refresh to get the judge's screens */
            accountChanged: boolean;
            /** Format: uuid */
            contestId: string;
            contestTitle: string;
            role: components["schemas"]["ContestRole"];
        };
        AcceptInvitationDto: {
            /**
             * @description The code that was sent (spaces and dashes ignored)
             * @example K7M2Q9XA
             */
            code: string;
        };
        AddMemberDto: {
            /** @description Limit the member to these categories of the contest; omit or null for all */
            categoryIds?: string[] | null;
            role: components["schemas"]["ContestRole"];
            /** Format: uuid */
            userId: string;
        };
        AdvanceEntriesDto: {
            /**
             * @description Close the advancement: the other eligible entries of the round are eliminated
             * @default false
             */
            eliminateOthers: boolean;
            /** @description Picked by hand */
            entryIds?: string[];
            /**
             * @description Advance although the round was never opened, has not reached its opening time, or the next round is closed or over (audited; a reason is required)
             * @default false
             */
            override: boolean;
            /** @description Why (required with override); recorded in the audit log */
            reason?: string;
            /** @description The best N of each category (within each unit at the round's scope depth when the round is scoped), by the round's fixed result; entries tied at the cut go together */
            topNPerUnit?: number;
        };
        AdvanceResultView: {
            advanced: string[];
            eliminated: string[];
            /** Format: uuid */
            fromRoundId: string;
            /** @description The round's window or state was overridden (audited) */
            override: boolean;
            /** @description Top N: groups where entries tied at the cut were forwarded together */
            tiesAtCut: components["schemas"]["TieAtCutView"][];
            /** Format: uuid */
            toRoundId: string;
        };
        /** @enum {string} */
        AggregationMethod: "mean" | "median" | "trimmed" | "normalized";
        AssignDto: {
            /**
             * @description Assign outside the round's judging window or before it is opened (not once closed); needs a reason, audited
             * @default false
             */
            outsideWindow: boolean;
            /** @description Judges per entry (default: the round's quorum, 3 unless set) */
            quorum?: number;
            /** @description Required with outsideWindow */
            reason?: string;
            /** @description Seed of the assignment (same seed, same result; default: the round's seed) */
            seed?: string;
        };
        AssignedEntryView: {
            /** Format: uuid */
            categoryId: string;
            /** Format: uuid */
            entryId: string;
            judges: components["schemas"]["AssignedJudgeView"][];
            title: string;
            unitName: string;
        };
        AssignedJudgeView: {
            /** Format: uuid */
            judgeId: string;
            /** @description Still on the panel (false: removed, sheet kept) */
            onPanel: boolean;
            /** @description null: no sheet yet */
            sheetStatus: components["schemas"]["SheetStatus"] | null;
        };
        AssignmentsView: {
            conflicts: components["schemas"]["JudgingConflictView"][];
            entries: components["schemas"]["AssignedEntryView"][];
            /** @description The judges of the contest */
            judges: components["schemas"]["ContestJudgeView"][];
            /** @description Entries assigned, by judge of the panel */
            loads: {
                [key: string]: number;
            };
            /** @description The shortfalls in a sentence, in the caller’s language (null: none) */
            message: string | null;
            panel: components["schemas"]["PanelMemberView"][];
            progress: components["schemas"]["JudgeProgressView"][];
            /** @description Judges per entry */
            quorum: number;
            /** Format: uuid */
            roundId: string;
            shortfalls: components["schemas"]["ShortfallView"][];
        };
        AuditPage: {
            items: components["schemas"]["AuditRecordView"][];
            /** @description Pass as `before` for older records */
            nextCursor: string | null;
        };
        AuditRecordView: {
            /** @example contest.member_added */
            action: string;
            /** Format: uuid */
            actorId: string | null;
            /** @description The actor’s name; null for the system */
            actorName: string | null;
            after: {
                [key: string]: unknown;
            } | null;
            at: string;
            before: {
                [key: string]: unknown;
            } | null;
            /** Format: uuid */
            contestId: string | null;
            contestTitle: string | null;
            id: string;
            reason: string | null;
            subjectId: string;
            /** @example contest */
            subjectType: string;
        };
        /** @enum {string} */
        AuthorType: "collective" | "individual";
        AwardEntryDto: {
            /** @description Act although the entry's round is not open or its time has not come or has passed (organizers; needs a reason; recorded in the audit log as entry.round_override) */
            override?: boolean;
            /** @example Giải Nhất */
            reason?: string;
        };
        BulkScreenEntriesDto: {
            /**
             * @description returned: back to the contestant as a draft with the reason, to complete and submit again while submissions are open
             * @enum {string}
             */
            decision: "eligible" | "disqualified" | "returned";
            /** @description Entries of the contest to screen with the same decision (and reason) */
            entryIds: string[];
            /** @description Act although the entry's round is not open or its time has not come or has passed (organizers; needs a reason; recorded in the audit log as entry.round_override) */
            override?: boolean;
            /**
             * @description Required to disqualify or return, and with override
             * @example Sao chép bài của đơn vị khác
             */
            reason?: string;
        };
        BulkScreenOutcomeView: {
            /** @description Why it was left unchanged */
            code: string | null;
            /** Format: uuid */
            entryId: string;
            /** @description The same, in words */
            message: string | null;
            /**
             * @description The status it now has; null when it was left unchanged
             * @enum {string|null}
             */
            status: "draft" | "submitted" | "withdrawn" | "eligible" | "disqualified" | "advanced" | "eliminated" | "awarded" | null;
        };
        BulkScreenResultView: {
            /** @description One per entry asked, in order */
            results: components["schemas"]["BulkScreenOutcomeView"][];
            /** @description How many entries took the decision */
            screened: number;
        };
        CastVoteDto: {
            /** Format: uuid */
            entryId: string;
            /** @description Phone-verification token (integrity feature) */
            phoneToken?: string;
            /**
             * Format: uuid
             * @description If given, must equal the Idempotency-Key
             */
            voteId?: string;
            /** @description Device token (or send X-Voter-Token) */
            voterToken?: string;
        };
        CategoryRulesDto: {
            /** @description Who may enter */
            entrants: components["schemas"]["EntrantType"];
            /** @example 3 */
            maxEntriesPerUnit: number;
            media: components["schemas"]["MediaRulesDto"];
            /**
             * @example [
             *       "summary",
             *       "contactName",
             *       "contactPhone"
             *     ]
             */
            requiredFields: ("summary" | "contactName" | "contactPhone" | "contactEmail" | "members")[];
        };
        CategoryRulesView: {
            entrants: components["schemas"]["EntrantType"];
            maxEntriesPerUnit: number;
            media: components["schemas"]["MediaRulesView"];
            requiredFields: string[];
        };
        CategoryView: {
            code: string;
            /** Format: uuid */
            contestId: string;
            createdAt: string;
            description: string;
            /** Format: uuid */
            id: string;
            name: string;
            position: number;
            rules: components["schemas"]["CategoryRulesView"];
            updatedAt: string;
        };
        ChainCheckView: {
            batches: number;
            /** @description Head recomputed from the stored votes */
            head: string;
            /** @description The first problems found (≤ 50) */
            problems: components["schemas"]["ChainProblemView"][];
            /** @description Head as recorded */
            recordedHead: components["schemas"]["ChainHeadView"] | null;
            /** @description Votes of the session that are in no batch of its chain */
            unchained: number;
            /** @description Every batch chains and hashes as recorded; no vote outside it */
            valid: boolean;
        };
        ChainHeadView: {
            /** @description SHA-256 (hex) of the latest batch */
            hash: string;
            /** @description Batches in the chain */
            seq: number;
        };
        ChainProblemView: {
            /** @enum {string} */
            problem: "prev_mismatch" | "hash_mismatch" | "count_mismatch";
            seq: number;
        };
        ChangeAccessDto: {
            /** @description The kind of account */
            role?: components["schemas"]["UserRole"];
            /** @description A disabled account cannot log in, and its sessions stop working */
            status?: components["schemas"]["UserStatus"];
        };
        ChangeContestStatusDto: {
            /** @description Why, kept in the audit record */
            reason?: string;
            status: components["schemas"]["ContestStatus"];
        };
        ChangePasswordDto: {
            currentPassword: string;
            newPassword: string;
        };
        ChangeRoundStatusDto: {
            status: components["schemas"]["RoundTargetStatus"];
        };
        ChecklistItemView: {
            done: boolean;
            /**
             * @description categories: at least one; submissionRound: a round for entries; roundWindows: every round opens before it closes and entries can still be sent; rubrics: every judging or final round has criteria; description, scope (an owner unit or scoped rounds), judges: advice
             * @enum {string}
             */
            key: "categories" | "submissionRound" | "roundWindows" | "rubrics" | "description" | "scope" | "judges";
            /** @description Required items block opening; the others are advice */
            required: boolean;
        };
        ChecklistView: {
            items: components["schemas"]["ChecklistItemView"][];
            /** @description Every required item done, and the contest still a draft */
            ready: boolean;
            status: components["schemas"]["ContestStatus"];
        };
        CheckResult: {
            error?: string;
            latencyMs?: number;
            /**
             * @description absent: an optional tool is missing; the service stays ready without it
             * @enum {string}
             */
            status: "ok" | "down" | "absent";
        };
        CloseRoundDto: {
            /** @description Close although some entries lack their quorum */
            force?: boolean;
            /** @description Required when forcing */
            reason?: string;
        };
        CodeSentView: {
            /** Format: date-time */
            expiresAt: string;
            /** @description Tries allowed for this code */
            maxAttempts: number;
            /** @description The number the code went to (E.164) */
            phone: string;
            /** @description Seconds before another code may be requested */
            resendAfter: number;
        };
        ContestDetailView: {
            categories: components["schemas"]["CategoryView"][];
            createdAt: string;
            description: string;
            /** Format: uuid */
            id: string;
            /** @description The caller's roles in this contest */
            myRoles: components["schemas"]["ContestRole"][];
            /** Format: uuid */
            ownerUnitId: string | null;
            /** @description Grows by one on every change */
            revision: number;
            /** @description In order of position */
            rounds: components["schemas"]["RoundView"][];
            settings: components["schemas"]["ContestSettingsView"];
            slug: string;
            status: components["schemas"]["ContestStatus"];
            /** @example Asia/Ho_Chi_Minh */
            timeZone: string;
            title: string;
            updatedAt: string;
        };
        ContestJudgeView: {
            fullName: string;
            /** Format: uuid */
            id: string;
        };
        ContestPage: {
            items: components["schemas"]["ContestView"][];
            /** @description Pass as `after` for the next page */
            nextCursor: string | null;
        };
        ContestResultsView: {
            description: string;
            published: components["schemas"]["PublishedEntryView"][];
            /** @description Published results of judged rounds: prizes, jury ranking, public vote, combined */
            rounds: components["schemas"]["PublishedRoundView"][];
            sessions: components["schemas"]["ResultSessionView"][];
            slug: string;
            status: string;
            title: string;
        };
        /**
         * @description The caller's roles in this contest
         * @enum {string}
         */
        ContestRole: "organizer" | "judge" | "contestant";
        ContestSettingsDto: {
            /** @description Judges see nothing that names authors or units */
            blindJudging?: boolean;
            /** @description Jury share of the final score */
            juryWeight?: number;
            prizeTiers?: components["schemas"]["PrizeTiersDto"];
            /** @description Public vote share; juryWeight + publicWeight = 100 */
            publicWeight?: number;
        };
        ContestSettingsView: {
            blindJudging: boolean;
            juryWeight: number;
            prizeTiers: components["schemas"]["PrizeTiersView"];
            publicWeight: number;
        };
        /** @enum {string} */
        ContestStatus: "draft" | "open" | "judging" | "closed" | "published";
        ContestView: {
            createdAt: string;
            description: string;
            /** Format: uuid */
            id: string;
            /** @description The caller's roles in this contest */
            myRoles: components["schemas"]["ContestRole"][];
            /** Format: uuid */
            ownerUnitId: string | null;
            /** @description Grows by one on every change */
            revision: number;
            settings: components["schemas"]["ContestSettingsView"];
            slug: string;
            status: components["schemas"]["ContestStatus"];
            /** @example Asia/Ho_Chi_Minh */
            timeZone: string;
            title: string;
            updatedAt: string;
        };
        CookieSessionView: {
            /**
             * Format: date-time
             * @description When ht_access expires
             */
            accessExpiresAt: string;
            /** @description Access token (ht_access cookie) lifetime in seconds */
            expiresIn: number;
            /**
             * Format: date-time
             * @description When ht_refresh expires
             */
            refreshExpiresAt: string;
            /** @description Refresh token (ht_refresh cookie) lifetime in seconds */
            refreshExpiresIn: number;
            user: components["schemas"]["UserView"];
        };
        CreateCategoryDto: {
            /**
             * @description Short code unique in the contest
             * @example GP
             */
            code: string;
            description?: string;
            /** @example Giải pháp tổ chức sinh hoạt hội */
            name: string;
            /**
             * @description Display order
             * @default 0
             */
            position: number;
            rules: components["schemas"]["CategoryRulesDto"];
        };
        CreateContestDto: {
            description?: string;
            /**
             * Format: uuid
             * @description The union unit running the contest
             */
            ownerUnitId?: string;
            settings?: components["schemas"]["ContestSettingsDto"];
            /**
             * @description Lower-case ascii letters, digits and single dashes
             * @example ung-dung-cntt-2026
             */
            slug: string;
            /**
             * @default Asia/Ho_Chi_Minh
             * @example Asia/Ho_Chi_Minh
             */
            timeZone: string;
            /** @example Hội thi Ứng dụng CNTT trong tổ chức sinh hoạt hội */
            title: string;
        };
        CreateEntryDto: {
            authorType?: components["schemas"]["AuthorType"];
            /** Format: uuid */
            categoryId: string;
            /** @example mai@example.vn */
            contactEmail?: string | null;
            /** @example Trần Thị Mai */
            contactName?: string | null;
            /** @example 0912 345 678 */
            contactPhone?: string | null;
            /** @description Named members of a collective */
            members?: components["schemas"]["EntryMemberDto"][];
            /** @example Sinh hoạt chi hội qua nhóm Zalo */
            summary?: string;
            /** @example Chuyển đổi số trong sinh hoạt chi hội Phú Yên */
            title: string;
        };
        CreateInvitationDto: {
            /** @description Limit the member to these categories; omit or null for all */
            categoryIds?: string[] | null;
            /** @example giamkhao@example.vn */
            email?: string;
            /**
             * @description Phone, or email, not both
             * @example 0912 345 678
             */
            phone?: string;
            /**
             * @description judge or organizer
             * @enum {string}
             */
            role: "judge" | "organizer";
        };
        CreateOrgUnitDto: {
            /**
             * @description Unique; upper-cased; A-Z 0-9 . _ -
             * @example DLK.BMT
             */
            code: string;
            /**
             * @description Level label: "Tỉnh", "Xã", "Phường", "Chi hội"…
             * @example Xã
             */
            kind: string;
            /** @example Hội LHPN phường Buôn Ma Thuột */
            name: string;
            /**
             * Format: uuid
             * @description Omit for a root unit
             */
            parentId?: Record<string, never> | null;
        };
        CreateRoundDto: {
            /**
             * @description Local time in the contest's time zone (2026-03-31T17:00) or ISO 8601 with an offset
             * @example 2026-03-31T17:00
             */
            closesAt: string;
            /**
             * @description Late submissions accepted this long
             * @default 0
             */
            graceSeconds: number;
            kind: components["schemas"]["RoundKind"];
            /** @example Vòng nộp bài cấp xã */
            name: string;
            /**
             * @description Local time in the contest's time zone (2026-03-31T17:00) or ISO 8601 with an offset
             * @example 2026-03-01T08:00
             */
            opensAt: string;
            /**
             * @description Order in the contest
             * @example 1
             */
            position: number;
            /** @description Depth in the unit tree at which entries are grouped (commune level, …) */
            scopeDepth?: number | null;
            /**
             * Format: uuid
             * @description Root of the round's scope in the unit tree (null = the contest's owner unit)
             */
            scopeUnitId?: string | null;
        };
        CreateUserDto: {
            /** @example hoa@example.vn */
            email?: string;
            /** @example Nguyễn Thị Hoa */
            fullName: string;
            /** @description At least 8 characters with letters and digits */
            password: string;
            /**
             * @description Any common Vietnamese spelling
             * @example 0912 345 678
             */
            phone?: string;
            role: components["schemas"]["UserRole"];
            /**
             * Format: uuid
             * @description The union unit the contestant belongs to
             */
            unitId?: string;
        };
        CreateVotingSessionDto: {
            /** Format: date-time */
            closesAt?: string | null;
            /** Format: uuid */
            contestId: string;
            /** @description Votable entries, in running order: entries of the contest active in the round, submitted or later. Default: all of them. */
            entryIds?: string[];
            /** @default false */
            hideTallies: boolean;
            /**
             * @default all
             * @enum {string}
             */
            mode: "all" | "on_stage";
            /** Format: date-time */
            opensAt?: string | null;
            policy: components["schemas"]["VotingPolicyDto"];
            /**
             * Format: uuid
             * @description The public-vote round
             */
            roundId: string;
            title: string;
        };
        CriterionDto: {
            /** @example Giải pháp phù hợp với sinh hoạt chi hội */
            description?: string;
            /**
             * @description Stable key (c1, c2, … when omitted)
             * @example noi-dung
             */
            key?: string;
            /** @example 10 */
            max: number;
            /** @example Nội dung, tính thiết thực */
            name: string;
            /** @example 0.5 */
            step: number;
            /**
             * @description Relative weight; weights sum to 100 or are normalized
             * @example 40
             */
            weight: number;
        };
        CriterionScoresView: {
            key: string;
            max: number;
            /** @description null: no submitted sheet */
            mean: number | null;
            name: string;
            /** @description One per submitted sheet (no judge named) */
            scores: number[];
            /** @description The weight as a share of 100 (four decimals) */
            weight: number;
        };
        CriterionView: {
            description: string;
            /** @example noi-dung */
            key: string;
            max: number;
            name: string;
            step: number;
            /** @description Relative weight; the weights of a rubric sum to 100 or are normalized */
            weight: number;
        };
        DecideDto: {
            /** @enum {string} */
            action: "release" | "void";
            /** @description Every quarantined vote of the session (or of `reason`) */
            all?: boolean;
            /** @description Why (kept in the audit log) */
            note?: string;
            /**
             * @description With all: only votes with it
             * @enum {string}
             */
            reason?: "ip_crowd" | "subnet_crowd" | "fingerprint_crowd" | "too_fast" | "burst" | "phone_run";
            voteIds?: string[];
        };
        DecisionView: {
            /** @enum {string} */
            action: "release" | "void";
            counts: components["schemas"]["FlagCountsView"];
            /** @description Votes decided now */
            decided: number;
        };
        DeviceTokenView: {
            deviceId: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Send as X-Voter-Token, or voterToken on sockets */
            token: string;
        };
        DissolveOrgUnitDto: {
            /** @example 2025-07-01 */
            effectiveOn?: string;
        };
        /** @enum {string} */
        EntrantType: "collective" | "individual" | "both";
        /**
         * @description What the caller may do now: the actions of their side (the entry’s unit, or the organizers) from this status, inside the round’s window and state; submit only once nothing is missing
         * @enum {string}
         */
        EntryAction: "submit" | "withdraw" | "accept" | "disqualify" | "return" | "advance" | "eliminate" | "award";
        EntryClipView: {
            height: number | null;
            /** @example video/mp4 */
            type: string;
            /** @example /media/0b9d…/preview */
            url: string;
            width: number | null;
        };
        EntryHistoryView: {
            /** @description Every change, oldest first */
            audit: components["schemas"]["AuditRecordView"][];
            /** @description Rounds the entry went through */
            rounds: components["schemas"]["EntryRoundView"][];
        };
        EntryMemberDto: {
            /** @example Nguyễn Thị Hoa */
            name: string;
            /** @example Chi hội trưởng */
            role?: string | null;
        };
        EntryPage: {
            items: components["schemas"]["EntrySummaryView"][];
            /** @description Pass as cursor for the next page */
            nextCursor?: string | null;
        };
        EntryPictureView: {
            height: number;
            /** @example /media/0b9d…/thumb */
            url: string;
            width: number;
        };
        EntryProblemView: {
            /** @example media.too_few */
            code: string;
            /** @description `media` for the count of files, `media.<fileId>` for one file */
            field: string;
            /** @description In the request's language */
            message: string;
        };
        EntryResultsView: {
            /** Format: uuid */
            entryId: string;
            rounds: components["schemas"]["EntryRoundResultView"][];
        };
        EntryRoundResultView: {
            criteria: components["schemas"]["CriterionScoresView"][];
            /** @enum {string|null} */
            decidedBy: "finalScore" | "score" | "firstCriterion" | "firstPlaces" | "earlierSubmission" | null;
            finalScore: number | null;
            group: components["schemas"]["ResultGroupView"] | null;
            juryScore: number | null;
            method: components["schemas"]["AggregationMethod"];
            /** @enum {string|null} */
            prize: "first" | "second" | "third" | "consolation" | null;
            prizeLabel: string | null;
            publicScore: number | null;
            publicVotes: number | null;
            rank: number | null;
            /** Format: uuid */
            roundId: string;
            roundName: string;
            /** @description Submitted sheets */
            sheets: number;
            tied: boolean;
            weightsNormalized: boolean;
        };
        EntryRoundView: {
            decidedAt?: string | null;
            /** Format: uuid */
            decidedBy?: string | null;
            /** Format: date-time */
            enteredAt: string;
            /** Format: uuid */
            roundId: string;
            /** @enum {string} */
            source: "submission" | "manual" | "top_n";
            /** @enum {string} */
            status: "active" | "advanced" | "eliminated";
        };
        /** @enum {string} */
        EntryStatus: "draft" | "submitted" | "withdrawn" | "eligible" | "disqualified" | "advanced" | "eliminated" | "awarded";
        EntrySummaryView: {
            authorType: components["schemas"]["AuthorType"];
            /** Format: uuid */
            categoryId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            currentRoundId?: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            publishedAt?: string | null;
            status: components["schemas"]["EntryStatus"];
            /** Format: date-time */
            submittedAt?: string | null;
            title: string;
            /**
             * Format: uuid
             * @description Hidden in blind judging
             */
            unitId?: string | null;
            /** @description Hidden in blind judging */
            unitName?: string | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        EntryView: {
            /** @description What the caller may do now: the actions of their side (the entry’s unit, or the organizers) from this status, inside the round’s window and state; submit only once nothing is missing */
            allowedActions: components["schemas"]["EntryAction"][];
            authorType: components["schemas"]["AuthorType"];
            /** Format: uuid */
            categoryId: string;
            contactEmail?: string | null;
            contactName?: string | null;
            /** @description E.164 */
            contactPhone?: string | null;
            /** Format: uuid */
            contestId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            currentRoundId?: string | null;
            disqualificationReason?: string | null;
            /** Format: uuid */
            id: string;
            members: components["schemas"]["EntryMemberDto"][];
            /** @description What a draft still lacks before it can be submitted (empty otherwise) */
            missing: components["schemas"]["EntryProblemView"][];
            /** Format: uuid */
            ownerId: string;
            /** @description Public page path once published */
            publicUrl?: string | null;
            publishedAt?: string | null;
            returnedAt?: string | null;
            /** @description Why screening returned the entry to its contestant (a draft again, to complete and submit before the deadline); cleared when it is submitted again */
            returnReason?: string | null;
            status: components["schemas"]["EntryStatus"];
            submittedAt?: string | null;
            summary: string;
            title: string;
            /** Format: uuid */
            unitId: string;
            /** @description Unit name at submission (at creation for drafts) */
            unitName: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Number of the last submitted version (0 = never submitted) */
            version: number;
        };
        ErrorBodyView: {
            /**
             * @description Stable machine code
             * @example common.validation_failed
             */
            code: string;
            errors?: components["schemas"]["FieldErrorView"][];
            /**
             * @description Vietnamese, or English with Accept-Language: en
             * @example Dữ liệu gửi lên không hợp lệ.
             */
            message: string;
            /** @example 0b6f1c1e-6a43-4c1f-a0f5-3f0b1d4a9e21 */
            requestId: string;
            /** @example 400 */
            statusCode: number;
        };
        FieldErrorView: {
            /** @example field.isPhone */
            code: string;
            /** @example phone */
            field: string;
            /** @example Phải là số điện thoại Việt Nam hợp lệ. */
            message: string;
        };
        FinalResultsView: {
            fixed: boolean;
            groups: components["schemas"]["ResultGroupView"][];
            juryWeight: number;
            prizeTiers: components["schemas"]["PrizeTiersView"];
            /** @description Until the results are fixed, and while a voting session is not over */
            provisional: boolean;
            publicVote: components["schemas"]["PublicVoteView"];
            publicWeight: number;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: uuid */
            roundId: string;
            rows: components["schemas"]["FinalRowView"][];
        };
        FinalRowView: {
            /** Format: uuid */
            categoryId: string;
            /**
             * @description What put it below the entry above it; null for the first and ties
             * @enum {string|null}
             */
            decidedBy: "finalScore" | "score" | "firstCriterion" | "firstPlaces" | "earlierSubmission" | null;
            /** Format: uuid */
            entryId: string;
            finalScore: number | null;
            firstCriterion: number | null;
            firstPlaces: number;
            /** @description The group's key (see groups) */
            group: string;
            /** @enum {string|null} */
            juryDecidedBy: "score" | "firstCriterion" | "firstPlaces" | "earlierSubmission" | null;
            juryRank: number;
            juryScore: number | null;
            juryTied: boolean;
            /** @enum {string|null} */
            prize: "first" | "second" | "third" | "consolation" | null;
            /** @example Giải Nhất */
            prizeLabel: string | null;
            /** @description The entry's short code (its public page once published) */
            publicId: string;
            /** @description 0–100, relative to the most voted entry of the group (null: no public vote) */
            publicScore: number | null;
            /** @description Counted public votes (null: the round has no public vote) */
            publicVotes: number | null;
            quorumMet: boolean;
            /** @description Rank in its group by the combined score; tied entries share it */
            rank: number;
            /** Format: uuid */
            scopeUnitId: string | null;
            /** @description null: no submitted sheet */
            score: number | null;
            /** @description Submitted sheets */
            sheets: number;
            /** Format: date-time */
            submittedAt: string | null;
            tied: boolean;
            title: string;
            /** Format: uuid */
            unitId: string;
            unitName: string;
        };
        FlagCountsView: {
            quarantined: number;
            released: number;
            voided: number;
        };
        FlagView: {
            channel: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            /** Format: uuid */
            entryId: string;
            reasons: ("ip_crowd" | "subnet_crowd" | "fingerprint_crowd" | "too_fast" | "burst" | "phone_run")[];
            /** @enum {string} */
            status: "quarantined" | "released" | "voided";
            /** Format: uuid */
            voteId: string;
            /** @description Kind and a short prefix of the voter key */
            voter: string;
        };
        ForgotPasswordDto: {
            /**
             * @description The account's phone number, in any common Vietnamese spelling
             * @example 0912 345 678
             */
            phone: string;
        };
        ImportReportView: {
            created: number;
            dryRun: boolean;
            /** @description What happens to each row (the first 1000), in file order */
            items: components["schemas"]["ImportRowView"][];
            rows: number;
            unchanged: number;
            updated: number;
        };
        ImportRowView: {
            /** @enum {string} */
            action: "create" | "update" | "unchanged";
            code: string;
            kind: string;
            name: string;
            /** @description The parent after the import */
            parentCode: string | null;
            /** @description Row number in the file (the header is row 1) */
            rowNumber: number;
        };
        InvitationView: {
            categoryIds: string[] | null;
            /** Format: uuid */
            contestId: string;
            createdAt: string;
            email: string | null;
            /** @description Past its expiry: send a new one */
            expired: boolean;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description E.164 */
            phone: string | null;
            role: components["schemas"]["ContestRole"];
        };
        JobCountView: {
            count: number;
            /** @description Queued only: jobs due now (the rest wait for a retry delay); the queue depth a worker sees */
            due: number;
            /** @description Age of the oldest job in this state, in seconds */
            oldestAgeSeconds: number;
            /** @description Queued only: how long the oldest due job has waited, in seconds */
            oldestDueAgeSeconds: number | null;
            /** @example media.process */
            queue: string;
            /** @enum {string} */
            state: "queued" | "active" | "done" | "dead";
        };
        JobPage: {
            items: components["schemas"]["JobView"][];
            /** Format: uuid */
            nextCursor: string | null;
        };
        JobQueueFilter: {
            /** @description Only this queue (e.g. media.process) */
            queue?: string;
        };
        JobsChangedView: {
            /** @description How many dead jobs were retried or discarded */
            count: number;
        };
        JobsSummaryView: {
            /** @description When the counts were taken (the database clock) */
            at: string;
            counts: components["schemas"]["JobCountView"][];
        };
        JobView: {
            attempts: number;
            createdAt: string;
            /** Format: uuid */
            id: string;
            lastError: string | null;
            maxAttempts: number;
            payload: Record<string, never>;
            queue: string;
            runAfter: string;
            /** @enum {string} */
            state: "queued" | "active" | "done" | "dead";
            updatedAt: string;
        };
        JudgeCategoryView: {
            description: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        JudgeEntryDetailView: {
            /** @description True when unit, members and contact are left out */
            blind: boolean;
            category: components["schemas"]["JudgeCategoryView"];
            /** Format: uuid */
            categoryId: string;
            /** @description Not when blind */
            contactName?: string | null;
            /** Format: uuid */
            entryId: string;
            media: components["schemas"]["JudgeMediaView"][];
            /** @description Not when blind */
            members?: components["schemas"]["JudgeEntryMemberView"][];
            round: components["schemas"]["JudgeRoundMetaView"];
            /** Format: uuid */
            roundId: string;
            /** @description The category's rubric (or the round's default); null when none */
            rubric: components["schemas"]["CriterionView"][] | null;
            /** @description The judge's own sheet (null when none) */
            sheet: components["schemas"]["ScoreSheetView"] | null;
            summary: string;
            title: string;
            /** @description Not when blind */
            unitName?: string;
            /** @description The frozen (submitted) version judged */
            version: number;
        };
        JudgeEntryMemberView: {
            name: string;
            role: string | null;
        };
        JudgeEntryView: {
            authorType: components["schemas"]["AuthorType"];
            /** @description True when authors, unit and contact are hidden */
            blind: boolean;
            /** Format: uuid */
            categoryId: string;
            contactEmail?: string | null;
            contactName?: string | null;
            contactPhone?: string | null;
            /** Format: uuid */
            contestId: string;
            /** Format: uuid */
            currentRoundId?: string | null;
            /** Format: uuid */
            id: string;
            members?: components["schemas"]["EntryMemberDto"][];
            status: components["schemas"]["EntryStatus"];
            summary: string;
            title: string;
            /** Format: uuid */
            unitId?: string;
            unitName?: string;
            version: number;
        };
        JudgeMediaFactsView: {
            durationSeconds?: number;
            height?: number;
            pages?: number;
            width?: number;
        };
        JudgeMediaView: {
            /**
             * Format: date-time
             * @description When the signed addresses expire (null: none)
             */
            expiresAt: string | null;
            facts: components["schemas"]["JudgeMediaFactsView"];
            /** Format: uuid */
            id: string;
            /** @enum {string|null} */
            kind: "video" | "image" | "audio" | "document" | null;
            mime: string | null;
            /** @description Not when blind */
            originalName?: string;
            /** @description A document's page images in page order (its first pages only: fewer than facts.pages when the document is longer); documents only */
            pages?: components["schemas"]["JudgePageView"][];
            sizeBytes: number;
            /**
             * @description Only files ready to play are listed
             * @enum {string}
             */
            status: "ready";
            /** @description Signed address by variant (thumb, preview, poster, page-N…) */
            urls: {
                [key: string]: string;
            };
        };
        JudgePageView: {
            height: number;
            /** @description Page number, from 1 */
            page: number;
            /** @description Signed address of the page image */
            url: string;
            width: number;
        };
        JudgeProgressView: {
            assigned: number;
            drafts: number;
            fullName: string;
            /** Format: uuid */
            judgeId: string;
            submitted: number;
        };
        JudgeQueueItemView: {
            /** @description True when unit, members and contact are left out */
            blind: boolean;
            /** Format: uuid */
            categoryId: string;
            /** @description Not when blind */
            contactName?: string | null;
            /** Format: uuid */
            entryId: string;
            /** @description Not when blind */
            members?: components["schemas"]["JudgeEntryMemberView"][];
            /** Format: uuid */
            roundId: string;
            /** @description The judge's own sheet (null when none) */
            sheet: components["schemas"]["ScoreSheetView"] | null;
            summary: string;
            title: string;
            /** @description Not when blind */
            unitName?: string;
            /** @description The frozen (submitted) version judged */
            version: number;
        };
        JudgeQueueProgressView: {
            assigned: number;
            drafts: number;
            submitted: number;
        };
        JudgeQueueView: {
            blind: boolean;
            closed: boolean;
            items: components["schemas"]["JudgeQueueItemView"][];
            progress: components["schemas"]["JudgeQueueProgressView"];
            round: components["schemas"]["JudgeRoundMetaView"];
            /** Format: uuid */
            roundId: string;
        };
        JudgeRoundMetaView: {
            /** @description Whether a submitted sheet may be changed while the round is open */
            allowRevision: boolean;
            /** @description Authors, unit and members are hidden from judges */
            blind: boolean;
            closed: boolean;
            /**
             * Format: date-time
             * @description Including the grace period
             */
            closesAt: string;
            /** Format: uuid */
            contestId: string;
            contestTitle: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: date-time */
            opensAt: string;
            /**
             * @description IANA time zone of the contest
             * @example Asia/Ho_Chi_Minh
             */
            timeZone: string;
        };
        JudgeRoundProgressView: {
            assigned: number;
            drafts: number;
            /** @description Assigned and not yet submitted */
            left: number;
            submitted: number;
        };
        JudgeRoundsView: {
            rounds: components["schemas"]["JudgeRoundView"][];
        };
        JudgeRoundView: {
            /** @description Whether a submitted sheet may be changed while the round is open */
            allowRevision: boolean;
            /** @description Authors, unit and members are hidden from judges */
            blind: boolean;
            closed: boolean;
            /**
             * Format: date-time
             * @description Including the grace period
             */
            closesAt: string;
            /** Format: uuid */
            contestId: string;
            contestTitle: string;
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * Format: uuid
             * @description The first entry of the queue not yet submitted
             */
            next: string | null;
            /** @description On the panel (false: holds assignments only) */
            onPanel: boolean;
            /** Format: date-time */
            opensAt: string;
            progress: components["schemas"]["JudgeRoundProgressView"];
            /**
             * @description IANA time zone of the contest
             * @example Asia/Ho_Chi_Minh
             */
            timeZone: string;
        };
        JudgingConflictView: {
            /** Format: uuid */
            entryId: string;
            /** Format: uuid */
            judgeId: string;
            /** @enum {string} */
            reason: "unit" | "owner" | "member" | "recusal";
        };
        JudgingProgressView: {
            entries: components["schemas"]["ProgressEntriesView"];
            judges: components["schemas"]["JudgeProgressView"][];
            quorum: number;
            /** Format: uuid */
            roundId: string;
            sheets: components["schemas"]["ProgressSheetsView"];
        };
        JudgingSettingsDto: {
            /**
             * @description Whether judges may change a submitted sheet while the round is open
             * @default true
             */
            allowRevision: boolean;
            /** @default mean */
            method: components["schemas"]["AggregationMethod"];
            /**
             * @description Judges per entry
             * @default 3
             */
            quorum: number;
            /**
             * @description Applied in this order after the score; the entry id always decides last
             * @default [
             *       "firstCriterion",
             *       "firstPlaces",
             *       "earlierSubmission"
             *     ]
             */
            tieBreaks: components["schemas"]["TieBreak"][];
        };
        JudgingSettingsView: {
            allowRevision: boolean;
            /** @description Closed without every quorum (with a reason) */
            closedForced: boolean;
            method: components["schemas"]["AggregationMethod"];
            /** @description Once the results are fixed */
            publicVote: components["schemas"]["PublicVoteSnapshotView"] | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: uuid */
            publishedBy: string | null;
            /** @description Judges per entry */
            quorum: number;
            /** Format: uuid */
            roundId: string;
            /** @description Of the last assignment */
            seed: string;
            tieBreaks: components["schemas"]["TieBreak"][];
            /** Format: date-time */
            updatedAt: string;
        };
        LoginDto: {
            /**
             * @description Email or Vietnamese phone number in any common spelling
             * @example 0912 345 678
             */
            identifier: string;
            /** @example matkhau2024 */
            password: string;
        };
        /** @enum {string} */
        MediaKind: "video" | "image" | "audio" | "document";
        MediaPageView: {
            height: number;
            /** @description Page number, from 1 */
            page: number;
            /**
             * @description page for page 1, then page-2, page-3, …
             * @example page-2
             */
            variant: string;
            width: number;
        };
        MediaReasonView: {
            /** @example media.duration_too_short */
            code: string;
            params?: {
                [key: string]: unknown;
            };
        };
        MediaRulesDto: {
            /**
             * @example [
             *       "video"
             *     ]
             */
            kinds: components["schemas"]["MediaKind"][];
            /** @description Clips must be landscape */
            landscapeOnly?: boolean;
            /** @example 3 */
            maxCount: number;
            /** @example 300 */
            maxDurationSeconds?: number | null;
            /**
             * @description Per file
             * @example 524288000
             */
            maxSizeBytes: number;
            /** @example 1 */
            minCount: number;
            /** @description Clips, audio */
            minDurationSeconds?: number | null;
            /**
             * @description Shorter side in pixels (720 = 720p)
             * @example 720
             */
            minResolution?: number | null;
        };
        MediaRulesView: {
            kinds: components["schemas"]["MediaKind"][];
            landscapeOnly: boolean;
            maxCount: number;
            maxDurationSeconds: number | null;
            maxSizeBytes: number;
            minCount: number;
            minDurationSeconds: number | null;
            minResolution: number | null;
        };
        MediaView: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            entryId: string;
            /** @description width, height, orientation, durationSeconds, codecs, pages */
            facts: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            /** @enum {string|null} */
            kind: "video" | "image" | "audio" | "document" | null;
            /** @description Type detected from the content */
            mime: string | null;
            /** @description Original file name (hidden under blind judging) */
            originalName?: string;
            /** @description A document's page images in page order: its first pages (facts.pages says how many it has) */
            pages?: components["schemas"]["MediaPageView"][];
            reason?: components["schemas"]["MediaReasonView"] | null;
            /** @description SHA-256 of the original */
            sha256?: string | null;
            sizeBytes: number;
            /** @enum {string} */
            status: "uploading" | "processing" | "ready" | "rejected" | "failed";
            /**
             * @description Versions that can be fetched at /media/{id}/{variant}
             * @example [
             *       "original",
             *       "thumb",
             *       "preview"
             *     ]
             */
            variants: string[];
        };
        MemberView: {
            /** @description null = all categories */
            categoryIds: string[] | null;
            /** Format: uuid */
            contestId: string;
            createdAt: string;
            email: string | null;
            fullName: string;
            /**
             * Format: uuid
             * @description Membership id
             */
            id: string;
            role: components["schemas"]["ContestRole"];
            /** Format: uuid */
            unitId: string | null;
            /** Format: uuid */
            userId: string;
        };
        MergeOrgUnitsDto: {
            /** @example 2025-07-01 */
            effectiveOn?: string;
            /** @description Units merged into the target */
            sourceIds: string[];
        };
        MergeResultView: {
            merged: components["schemas"]["OrgUnitView"][];
            /** @description Active sub-units moved under the target */
            movedChildren: number;
            target: components["schemas"]["OrgUnitView"];
        };
        MoveOrgUnitDto: {
            /** @example 2025-07-01 */
            effectiveOn?: string;
            /**
             * Format: uuid
             * @description The new parent; null makes the unit a root
             */
            parentId: string | null;
        };
        OrgUnitDetailView: {
            /** @description From the root down to the parent */
            ancestors: components["schemas"]["OrgUnitView"][];
            /** @example DLK.BMT */
            code: string;
            createdAt: string;
            /** @description 0 for a root */
            depth: number;
            /** Format: uuid */
            id: string;
            /** @example Phường */
            kind: string;
            /** Format: uuid */
            mergedIntoId: string | null;
            /** @example Hội LHPN phường Buôn Ma Thuột */
            name: string;
            /** Format: uuid */
            parentId: string | null;
            status: components["schemas"]["OrgUnitStatus"];
            updatedAt: string;
        };
        /** @enum {string} */
        OrgUnitEventType: "created" | "renamed" | "recoded" | "moved" | "merged" | "absorbed" | "dissolved" | "imported";
        OrgUnitEventView: {
            /** Format: uuid */
            actorId: string | null;
            after: {
                [key: string]: unknown;
            } | null;
            at: string;
            before: {
                [key: string]: unknown;
            } | null;
            /** @example 2025-07-01 */
            effectiveOn: string | null;
            id: string;
            type: components["schemas"]["OrgUnitEventType"];
            /** Format: uuid */
            unitId: string;
        };
        OrgUnitHistoryPage: {
            items: components["schemas"]["OrgUnitEventView"][];
            /** @description Pass as `after` for the next page */
            nextCursor: string | null;
        };
        OrgUnitPage: {
            items: components["schemas"]["OrgUnitView"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        /** @enum {string} */
        OrgUnitStatus: "active" | "merged" | "dissolved";
        OrgUnitSubtreeView: {
            count: number;
            includeHistorical: boolean;
            /** @description The root first, then by depth and name */
            items: components["schemas"]["OrgUnitView"][];
            /** Format: uuid */
            rootId: string;
        };
        OrgUnitView: {
            /** @example DLK.BMT */
            code: string;
            createdAt: string;
            /** @description 0 for a root */
            depth: number;
            /** Format: uuid */
            id: string;
            /** @example Phường */
            kind: string;
            /** Format: uuid */
            mergedIntoId: string | null;
            /** @example Hội LHPN phường Buôn Ma Thuột */
            name: string;
            /** Format: uuid */
            parentId: string | null;
            status: components["schemas"]["OrgUnitStatus"];
            updatedAt: string;
        };
        OwnEntryRoundsView: {
            /** @description Oldest first */
            rounds: components["schemas"]["OwnEntryRoundView"][];
        };
        OwnEntryRoundView: {
            decidedAt?: string | null;
            /** Format: date-time */
            enteredAt: string;
            /** Format: uuid */
            roundId: string;
            /**
             * @description In the round now, forwarded from it to the next, or stopped at it
             * @enum {string}
             */
            status: "active" | "advanced" | "eliminated";
        };
        PanelJudgeDto: {
            /** Format: uuid */
            judgeId: string;
            /**
             * @description Assign outside the round's judging window or before it is opened (not once closed); needs a reason, audited
             * @default false
             */
            outsideWindow: boolean;
            /** @description Required with outsideWindow */
            reason?: string;
        };
        PanelMemberView: {
            active: boolean;
            /** Format: uuid */
            judgeId: string;
        };
        PrizeTiersDto: {
            /**
             * @description Consolation prizes (giải Khuyến khích)
             * @example 5
             */
            consolation: number;
            /**
             * @description First prizes (giải Nhất)
             * @example 1
             */
            first: number;
            /**
             * @description Second prizes (giải Nhì)
             * @example 2
             */
            second: number;
            /**
             * @description Third prizes (giải Ba)
             * @example 3
             */
            third: number;
        };
        PrizeTiersView: {
            consolation: number;
            first: number;
            second: number;
            third: number;
        };
        ProgressEntriesView: {
            /** @description Entries with as many submitted sheets as the quorum */
            complete: number;
            total: number;
        };
        ProgressSheetsView: {
            assigned: number;
            submitted: number;
        };
        PublicClipView: {
            height?: number | null;
            /** @description Its poster frame */
            posterUrl?: string | null;
            /** @example video/mp4 */
            type: string;
            url: string;
            width?: number | null;
        };
        PublicEntryView: {
            /** @enum {string} */
            authorType: "collective" | "individual";
            categoryName: string;
            clip?: components["schemas"]["PublicClipView"] | null;
            contestSlug: string;
            contestTitle: string;
            image?: components["schemas"]["PublicPictureView"] | null;
            /** @description The entry's picture (an image, a clip's poster frame, a document's first page) */
            imageUrl?: Record<string, never> | null;
            members: components["schemas"]["PublicMemberView"][];
            publicId: string;
            /** Format: date-time */
            publishedAt: string;
            /** @description The share preview: a 1200×630 JPEG (the larger picture until it is made) */
            shareImage?: components["schemas"]["PublicPictureView"] | null;
            status: string;
            summary: string;
            title: string;
            /** @description The unit, named as it was at submission */
            unitName: string;
            /** @description Absolute URL of this page */
            url: string;
        };
        PublicMemberView: {
            name: string;
            role?: string | null;
        };
        PublicPictureView: {
            height: number;
            /** @example image/jpeg */
            type: string;
            url: string;
            width: number;
        };
        PublicVoteSessionView: {
            /** @description Head of the hash chain when the votes were counted (null: no vote yet) */
            chainHead: components["schemas"]["VoteChainHeadView"] | null;
            /** Format: date-time */
            closesAt: string | null;
            /** @description Votes that count */
            counted: number;
            /** Format: uuid */
            id: string;
            /** @description No vote can arrive any more */
            over: boolean;
            /** @description Held by a fraud signal and not decided */
            quarantined: number;
            state: string;
            title: string;
            /** @description Thrown out by an organizer */
            voided: number;
        };
        PublicVoteSnapshotView: {
            juryWeight: number;
            publicWeight: number;
            /**
             * Format: date-time
             * @description When the votes were counted
             */
            readAt: string;
            sessions: components["schemas"]["PublicVoteSessionView"][];
        };
        PublicVoteView: {
            /** Format: date-time */
            readAt: string | null;
            /** @enum {string} */
            rule: "relative_to_top_of_group";
            sessions: components["schemas"]["PublicVoteSessionView"][];
            /**
             * @description none: no voting session (the jury counts 100 %); open: a session can still take votes (the result is provisional); closed: every session is over
             * @enum {string}
             */
            status: "none" | "open" | "closed";
        };
        PublishedEntryView: {
            image: components["schemas"]["EntryPictureView"] | null;
            publicId: string;
            title: string;
            unitName: string;
        };
        PublishedResultGroupView: {
            categoryName: string;
            rows: components["schemas"]["PublishedResultRowView"][];
            /** @description The unit of the round's scope */
            scopeUnitName: string | null;
        };
        PublishedResultRowView: {
            /** @description What put it below the entry above it (finalScore, score or a tie-break) */
            decidedBy: string | null;
            /** Format: uuid */
            entryId: string;
            finalScore: number | null;
            /** @description Rank in the group by the jury's score alone */
            juryRank: number;
            juryScore: number | null;
            juryTied: boolean;
            /** @enum {string|null} */
            prize: "first" | "second" | "third" | "consolation" | null;
            /** @example Giải Nhất */
            prizeLabel: string | null;
            /** @description 0–100: 100 × votes ÷ the most votes of an entry of the group */
            publicScore: number | null;
            /** @description Counted public votes */
            publicVotes: number | null;
            /** @description Rank in the group by the combined result; ties share it */
            rank: number;
            tied: boolean;
            title: string;
            unitName: string;
        };
        PublishedRoundView: {
            groups: components["schemas"]["PublishedResultGroupView"][];
            juryWeight: number;
            publicWeight: number;
            /** Format: uuid */
            roundId: string;
            roundName: string;
            /** @description The votes the result used */
            voteSessions: components["schemas"]["PublishedVoteSessionView"][];
        };
        PublishedVoteSessionView: {
            chainHead: components["schemas"]["ResultChainHeadView"] | null;
            /** @description Votes counted in the result */
            counted: number;
            title: string;
        };
        PublishEntriesDto: {
            /** @description Entries to publish; all publishable entries of the contest when absent */
            entryIds?: string[];
        };
        PublishResultView: {
            published: string[];
        };
        QueueView: {
            counts: components["schemas"]["FlagCountsView"];
            items: components["schemas"]["FlagView"][];
            nextCursor: string | null;
        };
        ReadinessReport: {
            checks: {
                [key: string]: components["schemas"]["CheckResult"];
            };
            /** @enum {string} */
            status: "ok" | "down";
            /** @description Seconds since the process started */
            uptime: number;
        };
        ReasonDto: {
            reason: string;
        };
        ReceiptView: {
            batchHash: string | null;
            /** @description The vote's batch in the chain */
            batchSeq: number | null;
            chainHead: components["schemas"]["ChainHeadView"] | null;
            /** Format: uuid */
            entryId: string;
            /** Format: uuid */
            sessionId: string;
            /**
             * @description counted: in the tally; quarantined: held for review; voided: thrown out
             * @enum {string}
             */
            status: "counted" | "quarantined" | "voided";
            /** Format: uuid */
            voteId: string;
        };
        RecodeOrgUnitDto: {
            /** @example DLK.TA */
            code: string;
            /** @example 2025-07-01 */
            effectiveOn?: string;
        };
        RecountView: {
            chain: components["schemas"]["ChainCheckView"];
            differences: components["schemas"]["TallyDifferenceView"][];
            /** @description Recomputed tallies equal the live ones and the chain is valid */
            equal: boolean;
            live: {
                [key: string]: number;
            };
            /** @description Of which held or voided */
            notCounting: number;
            recomputed: {
                [key: string]: number;
            };
            /** Format: uuid */
            sessionId: string;
            /** @description Votes stored in the chain */
            votes: number;
        };
        RecusalView: {
            /** @description Always true: the entry left the queue */
            recused: boolean;
        };
        RefreshDto: {
            /** @description The refresh token from the last login or refresh. Required, except in cookie mode (`X-Auth-Mode: cookie`, or a request authenticated by the ht_access cookie), where the ht_refresh cookie carries it */
            refreshToken?: string;
        };
        RegisterDto: {
            /** @example hoa@example.vn */
            email?: string;
            /** @example Nguyễn Thị Hoa */
            fullName: string;
            /** @description At least 8 characters with letters and digits */
            password: string;
            /**
             * @description Any common Vietnamese spelling
             * @example 0912 345 678
             */
            phone?: string;
            /**
             * Format: uuid
             * @description The union unit the contestant belongs to
             */
            unitId: string;
        };
        ReminderOutcomeView: {
            /** @description Also sent to their phone (false: no phone, or the gateway failed) */
            byPhone: boolean;
            fullName: string;
            /** Format: uuid */
            judgeId: string;
            /** @description Sheets not yet submitted */
            pending: number;
        };
        RemindersView: {
            /** Format: uuid */
            roundId: string;
            sent: components["schemas"]["ReminderOutcomeView"][];
            /** @description Judges asked for (or on the panel) with nothing left to submit */
            skipped: string[];
        };
        RemindJudgesDto: {
            /** @description Only these judges of the panel (default: every judge with sheets left) */
            judgeIds?: string[];
        };
        RenameOrgUnitDto: {
            /**
             * @description When it took effect (default today)
             * @example 2025-07-01
             */
            effectiveOn?: string;
            /**
             * @description New level label, if it changes too
             * @example Phường
             */
            kind?: string;
            /** @example Hội LHPN phường Tân An */
            name: string;
        };
        ReplaceJudgeDto: {
            /**
             * @description Assign outside the round's judging window or before it is opened (not once closed); needs a reason, audited
             * @default false
             */
            outsideWindow: boolean;
            /** @description Required with outsideWindow */
            reason?: string;
            /**
             * Format: uuid
             * @description The judge who takes over
             */
            withJudgeId: string;
        };
        ResetPasswordDto: {
            /**
             * @description The 6 digits received
             * @example 123456
             */
            code: string;
            /** @description At least 8 characters with letters and digits */
            newPassword: string;
            /**
             * @description The number the code was sent to
             * @example 0912 345 678
             */
            phone: string;
        };
        ResultChainHeadView: {
            hash: string;
            seq: number;
        };
        ResultEntryView: {
            /** Format: uuid */
            entryId: string;
            /** @description By votes, entries with as many votes sharing it ("1, 1, 3"); null while hidden */
            rank: number | null;
            /** @description Shares its rank with another entry */
            tied: boolean;
            title: string | null;
            unitName: string | null;
            /** @description Null while numbers are hidden */
            votes: number | null;
        };
        ResultGroupView: {
            /** Format: uuid */
            categoryId: string;
            categoryName: string;
            /** @description Entries in the group */
            entries: number;
            key: string;
            /**
             * Format: uuid
             * @description The unit of the round's scope (null: the round is not scoped by unit)
             */
            scopeUnitId: string | null;
            scopeUnitName: string | null;
        };
        ResultRowView: {
            /** Format: uuid */
            categoryId: string;
            /**
             * @description What put it below the entry above it; null for the first and ties
             * @enum {string|null}
             */
            decidedBy: "score" | "firstCriterion" | "firstPlaces" | "earlierSubmission" | null;
            /** Format: uuid */
            entryId: string;
            firstCriterion: number | null;
            firstPlaces: number;
            /** @description The group's key (see groups) */
            group: string;
            /** @description The entry's short code (its public page once published) */
            publicId: string;
            quorumMet: boolean;
            /** @description Rank in its group by the jury; tied entries share it */
            rank: number;
            /** Format: uuid */
            scopeUnitId: string | null;
            /** @description null: no submitted sheet */
            score: number | null;
            /** @description Submitted sheets */
            sheets: number;
            /** Format: date-time */
            submittedAt: string | null;
            tied: boolean;
            title: string;
            /** Format: uuid */
            unitId: string;
            unitName: string;
        };
        ResultSessionView: {
            /** @description Head of the vote log's hash chain */
            chainHead: components["schemas"]["ResultChainHeadView"] | null;
            /** @description Most votes first */
            entries: components["schemas"]["ResultEntryView"][];
            /** Format: uuid */
            id: string;
            state: string;
            title: string;
        };
        /** @enum {string} */
        RoundKind: "submission" | "screening" | "judging" | "public_vote" | "final";
        RoundResultsView: {
            /** @description Judges may change a submitted sheet while the round is open */
            allowRevision: boolean;
            fixed: boolean;
            /** @description In order (categories by position, then units of the scope by name) */
            groups: components["schemas"]["ResultGroupView"][];
            method: components["schemas"]["AggregationMethod"];
            /** Format: date-time */
            publishedAt: string | null;
            quorum: number;
            /** Format: date-time */
            resultsFixedAt: string | null;
            /** Format: uuid */
            roundId: string;
            /** @description By group, then rank */
            rows: components["schemas"]["ResultRowView"][];
            tieBreaks: components["schemas"]["TieBreak"][];
        };
        /** @enum {string} */
        RoundStatus: "pending" | "open" | "closed";
        /** @enum {string} */
        RoundTargetStatus: "open" | "closed";
        RoundView: {
            /**
             * @description UTC
             * @example 2026-03-31T10:00:00.000Z
             */
            closesAt: string;
            /**
             * @description In the contest's zone
             * @example 2026-03-31T17:00:00+07:00
             */
            closesAtLocal: string;
            /**
             * @description For people
             * @example 17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)
             */
            closesAtText: string;
            /** Format: uuid */
            contestId: string;
            graceSeconds: number;
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["RoundKind"];
            name: string;
            /**
             * @description UTC
             * @example 2026-03-31T10:00:00.000Z
             */
            opensAt: string;
            /**
             * @description In the contest's zone
             * @example 2026-03-31T17:00:00+07:00
             */
            opensAtLocal: string;
            /**
             * @description For people
             * @example 17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)
             */
            opensAtText: string;
            position: number;
            resultsFixedAt: string | null;
            scopeDepth: number | null;
            /** Format: uuid */
            scopeUnitId: string | null;
            status: components["schemas"]["RoundStatus"];
            /** @example Asia/Ho_Chi_Minh */
            timeZone: string;
        };
        RubricCriterionView: {
            description: string;
            /** @example noi-dung */
            key: string;
            max: number;
            name: string;
            /** @description The weight normalized to a sum of 100 (two decimals) */
            normalizedWeight: number;
            step: number;
            /** @description Relative weight; the weights of a rubric sum to 100 or are normalized */
            weight: number;
        };
        RubricDto: {
            /**
             * Format: uuid
             * @description null: every category
             */
            categoryId?: string | null;
            criteria: components["schemas"]["CriterionDto"][];
            /** @description Required once scoring has started */
            reason?: string;
        };
        RubricView: {
            /**
             * Format: uuid
             * @description null: every category
             */
            categoryId: string | null;
            criteria: components["schemas"]["RubricCriterionView"][];
            /** Format: uuid */
            id: string;
            /** @description Raised by each change */
            revision: number;
            /** Format: uuid */
            roundId: string;
            /** @description The weights as given do not sum to 100 (they count as shares) */
            weightsNormalized: boolean;
        };
        SavedRubricView: {
            /**
             * Format: uuid
             * @description null: every category
             */
            categoryId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            criteria: components["schemas"]["CriterionView"][];
            /** Format: uuid */
            id: string;
            /** @description 1, then +1 for each change */
            revision: number;
            /** Format: uuid */
            roundId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ScoreSheetView: {
            /** @description The overall comment */
            comment: string;
            /** @description Comment by criterion key */
            criterionComments: {
                [key: string]: string;
            };
            /** Format: uuid */
            entryId: string;
            /** Format: uuid */
            id: string;
            /** @description Reopened by a rubric change after it was submitted */
            reopened: boolean;
            /** Format: uuid */
            roundId: string;
            /** @description Score by criterion key */
            scores: {
                [key: string]: number;
            };
            /** @description void: its assignment was released before submission (judge left or recused) */
            status: components["schemas"]["SheetStatus"];
            /** Format: date-time */
            submittedAt: string | null;
            /** @description Weighted total (0–100) once submitted; null for a draft */
            total: number | null;
            /**
             * Format: date-time
             * @description The version a change is made on (sent back as baseUpdatedAt)
             */
            updatedAt: string;
        };
        ScreenEntryDto: {
            /**
             * @description returned: back to the contestant as a draft with the reason, to complete and submit again while submissions are open
             * @enum {string}
             */
            decision: "eligible" | "disqualified" | "returned";
            /** @description Act although the entry's round is not open or its time has not come or has passed (organizers; needs a reason; recorded in the audit log as entry.round_override) */
            override?: boolean;
            /**
             * @description Required to disqualify or return, and with override
             * @example Sao chép bài của đơn vị khác
             */
            reason?: string;
        };
        SendCodeDto: {
            /**
             * @description Any common Vietnamese spelling
             * @example 0912 345 678
             */
            phone: string;
            /** @description The device token (or send X-Voter-Token) */
            voterToken?: string;
        };
        SessionActionDto: {
            /** @enum {string} */
            action: "open" | "pause" | "close";
        };
        SessionEntryView: {
            clip: components["schemas"]["EntryClipView"] | null;
            /** Format: uuid */
            id: string;
            image: components["schemas"]["EntryPictureView"] | null;
            /** @description Its picture's URL, once published with an image, clip or document */
            imageUrl: string | null;
            /** @description Running order, from 0 */
            position: number;
            /** @description Public page /p/:publicId, once published */
            publicId: string | null;
            title: string | null;
            /** @description The unit, as named at submission */
            unitName: string | null;
        };
        SheetDto: {
            /**
             * Format: date-time
             * @description The updatedAt of the sheet this change was made on (null: made on no sheet). When the sheet has changed since (another device), the change is refused with 409 judging.sheet_stale
             */
            baseUpdatedAt?: string | null;
            comment?: string;
            /** @description A comment per criterion key (replaces the comments kept when given) */
            criterionComments?: {
                [key: string]: string;
            };
            /**
             * @description Score per criterion key, within 0..max, in multiples of the step
             * @example {
             *       "c1": 8.5,
             *       "c2": 7
             *     }
             */
            scores: {
                [key: string]: number;
            };
            /** @description Submit (every criterion scored); otherwise a draft */
            submit?: boolean;
        };
        /**
         * @description null: no sheet yet
         * @enum {string}
         */
        SheetStatus: "draft" | "submitted" | "void";
        ShortfallReasonsView: {
            /** @description Judges the panel would need even with none excluded */
            capacity: number;
            category: number;
            member: number;
            owner: number;
            recusal: number;
            unit: number;
        };
        ShortfallView: {
            assigned: number;
            /** Format: uuid */
            entryId: string;
            message: string;
            /** @description Judges still needed */
            needed: number;
            reasons: components["schemas"]["ShortfallReasonsView"];
        };
        StageDto: {
            /**
             * Format: uuid
             * @description The entry on stage now (null: none)
             */
            entryId: Record<string, never> | null;
        };
        TallyDifferenceView: {
            /** Format: uuid */
            entryId: string;
            live: number;
            recomputed: number;
        };
        TallyView: {
            /** @description Changes to the tally: one per vote counted or released and one per vote taken back for review (the votes counted, when none was); it only grows, so a viewer keeps the message with the largest */
            seq: number;
            /** Format: uuid */
            sessionId: string;
            /** @description Votes per entry id */
            tallies: {
                [key: string]: number;
            };
        };
        TieAtCutView: {
            /** Format: uuid */
            categoryId: string;
            entryIds: string[];
            /** @description The rank the tied entries share */
            rank: number;
            /** Format: uuid */
            scopeUnitId: string | null;
        };
        /**
         * @description Applied in this order after the score; the entry id always decides last
         * @enum {string}
         */
        TieBreak: "firstCriterion" | "firstPlaces" | "earlierSubmission";
        TokenPairView: {
            accessToken: string;
            /** @description Access token lifetime in seconds */
            expiresIn: number;
            /** @description Refresh token lifetime in seconds */
            refreshExpiresIn: number;
            refreshToken: string;
            /** @example Bearer */
            tokenType: string;
        };
        UpdateCategoryDto: {
            /** @example GP */
            code?: string;
            description?: string;
            name?: string;
            position?: number;
            /** @description Replaces the rules as a whole */
            rules?: components["schemas"]["CategoryRulesDto"];
        };
        UpdateContestDto: {
            description?: string;
            /** Format: uuid */
            ownerUnitId?: string | null;
            settings?: components["schemas"]["ContestSettingsDto"];
            /**
             * @description Lower-case ascii letters, digits and single dashes
             * @example ung-dung-cntt-2026
             */
            slug?: string;
            /** @example Asia/Ho_Chi_Minh */
            timeZone?: string;
            title?: string;
        };
        UpdateEntryDto: {
            authorType?: components["schemas"]["AuthorType"];
            /** @example mai@example.vn */
            contactEmail?: string | null;
            /** @example Trần Thị Mai */
            contactName?: string | null;
            /** @example 0912 345 678 */
            contactPhone?: string | null;
            /** @description Named members of a collective */
            members?: components["schemas"]["EntryMemberDto"][];
            /** @example Sinh hoạt chi hội qua nhóm Zalo */
            summary?: string;
            /** @example Chuyển đổi số trong sinh hoạt chi hội Phú Yên */
            title?: string;
        };
        UpdateProfileDto: {
            /** @description Required when the email or the phone changes (they sign in and recover the account) */
            currentPassword?: string;
            /** @example hoa@example.vn */
            email?: string;
            /** @example Nguyễn Thị Hoa */
            fullName?: string;
            /**
             * @description Any common Vietnamese spelling
             * @example 0912 345 678
             */
            phone?: string;
            /**
             * Format: uuid
             * @description An active union unit
             */
            unitId?: string;
        };
        UpdateRoundDto: {
            /**
             * @description Local time in the contest's time zone (2026-03-31T17:00) or ISO 8601 with an offset
             * @example 2026-03-31T17:00
             */
            closesAt?: string;
            graceSeconds?: number;
            kind?: components["schemas"]["RoundKind"];
            name?: string;
            /**
             * @description Local time in the contest's time zone (2026-03-31T17:00) or ISO 8601 with an offset
             * @example 2026-03-01T08:00
             */
            opensAt?: string;
            position?: number;
            scopeDepth?: number | null;
            /** Format: uuid */
            scopeUnitId?: string | null;
        };
        UpdateVotingSessionDto: {
            /** Format: date-time */
            closesAt?: string | null;
            entryIds?: string[];
            /** @enum {string} */
            mode?: "all" | "on_stage";
            /** Format: date-time */
            opensAt?: string | null;
            policy?: components["schemas"]["VotingPolicyDto"];
            title?: string;
        };
        UserPage: {
            items: components["schemas"]["UserView"][];
            /** @description Pass as `after` for the next page */
            nextCursor: string | null;
        };
        /** @enum {string} */
        UserRole: "admin" | "organizer" | "judge" | "contestant";
        /** @enum {string} */
        UserStatus: "active" | "disabled";
        UserView: {
            createdAt: string;
            email: string | null;
            fullName: string;
            /** Format: uuid */
            id: string;
            /** @example +84912345678 */
            phone: string | null;
            role: components["schemas"]["UserRole"];
            status: components["schemas"]["UserStatus"];
            /** Format: uuid */
            unitId: string | null;
        };
        VerifiedPhoneView: {
            /** Format: date-time */
            expiresAt: string;
            /** @description The verified number (E.164) */
            phone: string;
            /** @description Send as phoneToken with votes */
            token: string;
        };
        VerifyCodeDto: {
            /**
             * @description The 6 digits received
             * @example 123456
             */
            code: string;
            /** @example 0912 345 678 */
            phone: string;
        };
        VisibilityDto: {
            /** @description Hide live numbers from the public */
            hideTallies: boolean;
        };
        VoteChainHeadView: {
            hash: string;
            seq: number;
        };
        VoteReceiptView: {
            /** @description Stored but held for review by a fraud signal (not counted until released) */
            held?: boolean;
            /**
             * @description Receipt code: GET /voting/receipts/:voteId/:code says whether the vote counts
             * @example 7K2QM-9XD4P
             */
            receipt?: string;
            /** @enum {string} */
            status: "counted" | "already_counted";
            /** Format: uuid */
            voteId: string;
        };
        VotingPolicyDto: {
            /** @description Identities a voter may use */
            identities: ("device" | "phone" | "member")[];
            /** @description Votes per voter per day in the contest's time zone (null: no limit) */
            perDay?: number | null;
            /** @description Votes per voter per entry (null: no limit) */
            perEntry?: number | null;
            /** @description Votes per voter in the session (null: no limit) */
            perSession?: number | null;
        };
        VotingPolicyView: {
            identities: ("device" | "phone" | "member")[];
            perDay: number | null;
            perEntry: number | null;
            perSession: number | null;
        };
        VotingSessionView: {
            /** Format: date-time */
            closesAt: string | null;
            /** Format: uuid */
            contestId: string;
            entryIds: string[];
            hideTallies: boolean;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            mode: "all" | "on_stage";
            /** Format: uuid */
            onStageEntryId: string | null;
            /** @description Whether votes are accepted now (state and schedule) */
            open: boolean;
            /** Format: date-time */
            opensAt: string | null;
            policy: components["schemas"]["VotingPolicyView"];
            /** @description Raised on every change */
            revision: number;
            /** Format: uuid */
            roundId: string;
            /** @enum {string} */
            state: "scheduled" | "open" | "paused" | "closed";
            /** @description The contest's IANA time zone: per-day limits count days there */
            timeZone: string;
            title: string;
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
    PagesController_home: {
        parameters: {
            query?: {
                lang?: "vi" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    JobsController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobsSummaryView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JobsController_discard: {
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
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The job is not dead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JobsController_retry: {
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
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The job is not dead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JobsController_discardAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobQueueFilter"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobsChangedView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JobsController_retryAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobQueueFilter"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobsChangedView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JobsController_list: {
        parameters: {
            query?: {
                /** @description Cursor: the last id of the previous page */
                after?: string;
                limit?: number;
                /** @description Only this queue (e.g. media.process) */
                queue?: string;
                state?: "queued" | "active" | "done" | "dead";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_socketIo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript (gzip or brotli) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditListingController_list: {
        parameters: {
            query?: {
                /** @description An action ("contest.member_added"), or a prefix ending in a dot ("contest.") */
                action?: string;
                /** @description Only what this account did */
                actorId?: string;
                /** @description Cursor: nextCursor of the previous page */
                before?: string;
                /** @description One contest's records (organizers of it); without it, anyone but an administrator sees only their own actions */
                contestId?: string;
                /** @description From this time on */
                from?: string;
                limit?: number;
                /** @description Kind of subject (contest, entry, org_unit, …) */
                subjectType?: string;
                /** @description Before this time */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: {
                /** @description cookie: the tokens are set as cookies (ht_access HttpOnly Path=/, ht_refresh HttpOnly Path=/auth, ht_csrf readable Path=/; all SameSite=Strict, Secure over HTTPS) and the body carries the user and the expiry times, no token (for the web app) */
                "X-Auth-Mode"?: "cookie";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description TokenPairView, or CookieSessionView in cookie mode */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairView"] | components["schemas"]["CookieSessionView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Locked after repeated failures */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ht_csrf cookie value; required on unsafe requests authenticated by the ht_access cookie and on cookie-mode refresh (403 auth.csrf_invalid otherwise) */
                "X-CSRF-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description auth.csrf_invalid */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_logoutAll: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ht_csrf cookie value; required on unsafe requests authenticated by the ht_access cookie and on cookie-mode refresh (403 auth.csrf_invalid otherwise) */
                "X-CSRF-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description auth.csrf_invalid */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    AuthController_updateMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ht_csrf cookie value; required on unsafe requests authenticated by the ht_access cookie and on cookie-mode refresh (403 auth.csrf_invalid otherwise) */
                "X-CSRF-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description users.email_taken, users.phone_taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_forgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeSentView"];
                };
            };
            /** @description phone_verification.invalid_phone */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: {
                /** @description cookie: the tokens are set as cookies (ht_access HttpOnly Path=/, ht_refresh HttpOnly Path=/auth, ht_csrf readable Path=/; all SameSite=Strict, Secure over HTTPS) and the body carries the user and the expiry times, no token (for the web app) */
                "X-Auth-Mode"?: "cookie";
                /** @description The ht_csrf cookie value; required on unsafe requests authenticated by the ht_access cookie and on cookie-mode refresh (403 auth.csrf_invalid otherwise) */
                "X-CSRF-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            /** @description TokenPairView, or CookieSessionView in cookie mode */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairView"] | components["schemas"]["CookieSessionView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description auth.csrf_invalid (cookie mode) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    AuthController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description cookie: the tokens are set as cookies (ht_access HttpOnly Path=/, ht_refresh HttpOnly Path=/auth, ht_csrf readable Path=/; all SameSite=Strict, Secure over HTTPS) and the body carries the user and the expiry times, no token (for the web app) */
                "X-Auth-Mode"?: "cookie";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"] | components["schemas"]["CookieSessionView"];
                };
            };
            /** @description users.email_taken, users.phone_taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_list: {
        parameters: {
            query?: {
                /** @description Cursor: the last id of the previous page */
                after?: string;
                limit?: number;
                /** @description Only contests where the caller holds this role (signed in) */
                role?: components["schemas"]["ContestRole"];
                status?: components["schemas"]["ContestStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestPage"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateContestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The slug is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_get: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestDetailView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateContestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    CategoriesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"][];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    CategoriesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCategoryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The code is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    CategoriesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    CategoriesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The category has entries */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    CategoriesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: string;
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCategoryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_getChecklist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_list: {
        parameters: {
            query?: {
                categoryId?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description Words to find, with or without diacritics, any case (prefix match on each word) */
                q?: string;
                /** @description Entries that are or were in this round */
                roundId?: string;
                /** @description "-" for descending */
                sort?: "createdAt" | "-createdAt" | "submittedAt" | "-submittedAt" | "updatedAt" | "-updatedAt" | "title" | "-title";
                status?: components["schemas"]["EntryStatus"];
                /** @description With unitId: the unit's whole subtree */
                subtree?: boolean;
                unitId?: string;
            };
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryPage"];
                };
            };
        };
    };
    EntriesController_create: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEntryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
            /** @description Contest not open, window closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_publishMany: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishEntriesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishResultView"];
                };
            };
        };
    };
    EntriesController_screenMany: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkScreenEntriesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkScreenResultView"];
                };
            };
        };
    };
    ContestsController_listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationView"][];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Already accepted or withdrawn */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_listMembers: {
        parameters: {
            query?: {
                role?: components["schemas"]["ContestRole"];
            };
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberView"][];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_list: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundView"][];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_create: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoundDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description The position is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_get: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_update: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_advance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdvanceEntriesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdvanceResultView"];
                };
            };
            /** @description Invalid transition, no ranking, round not opened or the next one closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    RoundsController_changeStatus: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                contestId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoundStatusDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not allowed from the current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    ContestsController_changeStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeContestStatusDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not allowed from the current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_control: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_get: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Full entry for its unit and the organizers; the frozen version for judges */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"] | components["schemas"]["JudgeEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_update: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEntryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
        };
    };
    EntriesController_award: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AwardEntryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
        };
    };
    EntriesController_history: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryHistoryView"];
                };
            };
        };
    };
    EntriesController_publish: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
        };
    };
    EntriesController_rounds: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnEntryRoundsView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_screen: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScreenEntryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
        };
    };
    EntriesController_submit: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
            /** @description Late, quota reached, not a draft */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    EntriesController_withdraw: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryView"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    HealthController_readyAlias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
        };
    };
    InvitationsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedInvitationView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Sent to someone else */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Wrong or used code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Expired, or the account kind does not fit */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_entryResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryResultsView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_myRounds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgeRoundsView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_assign: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Round closed, not opened, or outside its window */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_assignments: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResultsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Some entries lack their quorum */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_entry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgeEntryDetailView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_entryMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgeMediaView"][];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_recuse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecusalView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Round closed, not opened, or outside its window */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_sheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sheet, or null when the judge has none for the entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoreSheetView"] | null;
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_save: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entryId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SheetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoreSheetView"];
                };
            };
            /** @description Scores out of range, off-step, missing or unknown */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Round closed, not opened, outside its window, or no rubric */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_csv: {
        parameters: {
            query?: {
                /** @description CSV: which table */
                table?: "matrix" | "ranking" | "prizes";
            };
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The table */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_xlsx: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_final: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinalResultsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_addJudge: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PanelJudgeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_removeJudge: {
        parameters: {
            query?: {
                /** @description Assign outside the round's judging window or before it is opened (not once closed); needs a reason, audited */
                outsideWindow?: boolean;
                /** @description Required with outsideWindow */
                reason?: string;
            };
            header?: {
                "accept-language"?: string;
            };
            path: {
                judgeId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_replaceJudge: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                judgeId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceJudgeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_progress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgingProgressView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinalResultsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_queue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgeQueueView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_remind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemindJudgesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemindersView"];
                };
            };
            /** @description A judge not on the panel */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Round closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResultsView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_rubrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricView"][];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_putRubric: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RubricDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedRubricView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Frozen without a reason, or round closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgingController_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JudgingSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgingSettingsView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Not an organizer of the contest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    JudgeController_sheetById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sheetId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoreSheetView"];
                };
            };
            /** @description Not assigned, conflicted, or not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    MediaController_list: {
        parameters: {
            query: {
                /** @description The entry the files belong to */
                entryId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaView"][];
                };
            };
        };
    };
    MediaController_get: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaView"];
                };
            };
        };
    };
    MediaController_file: {
        parameters: {
            query?: {
                /** @description Signed address: expiry (seconds since the epoch) */
                e?: string;
                /** @description Signed address: the judged round */
                r?: string;
                /** @description Signed address: the viewer's session */
                s?: string;
                /** @description Signed address: its signature */
                sig?: string;
                /** @description Signed address: the viewer */
                u?: string;
            };
            header?: never;
            path: {
                id: string;
                /** @description original, thumb, preview, mobile, poster, page, social; a document's further page images: page-2 … page-50 */
                variant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes (206 for a range, 304 when unchanged; 302 to the object store when it serves downloads) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MediaController_upload: {
        parameters: {
            query: {
                /** @description The entry the files belong to */
                entryId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaView"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_list: {
        parameters: {
            query?: {
                /** @description Cursor from the previous page (nextCursor) */
                cursor?: string;
                /** @description Include merged and dissolved units */
                includeHistorical?: boolean;
                limit?: number;
                /** @description Only direct children of this unit */
                parentId?: string;
                /** @description Part of the name, with or without diacritics, any case; or a code prefix */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrgUnitDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description org_units.code_taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_get: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitDetailView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_children: {
        parameters: {
            query?: {
                /** @description Cursor from the previous page (nextCursor) */
                cursor?: string;
                /** @description Include merged and dissolved children */
                includeHistorical?: boolean;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_dissolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DissolveOrgUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description org_units.has_active_children */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_history: {
        parameters: {
            query?: {
                /** @description Cursor: the last event id of the previous page */
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitHistoryPage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_merge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeOrgUnitsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MergeResultView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_move: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveOrgUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description org_units.move_into_own_subtree, org_units.not_active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_recode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecodeOrgUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description org_units.code_taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenameOrgUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description org_units.not_active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_subtree: {
        parameters: {
            query?: {
                /** @description Also merged and dissolved units that were under the unit, and units merged into any unit of the subtree */
                includeHistorical?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitSubtreeView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    OrgUnitsController_import: {
        parameters: {
            query?: {
                /** @description Check and report without writing */
                dryRun?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "text/csv": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_overlay: {
        parameters: {
            query?: {
                numbers?: "0" | "1";
                theme?: "dark" | "light";
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PublicController_entry: {
        parameters: {
            query?: {
                format?: "json" | "html";
            };
            header?: never;
            path: {
                publicId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicEntryView"];
                    "text/html": components["schemas"]["PublicEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                    "text/html": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PhoneVerificationController_send: {
        parameters: {
            query?: never;
            header?: {
                /** @description Device token */
                "X-Voter-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendCodeDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeSentView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PhoneVerificationController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifiedPhoneView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PublicContestsController_list: {
        parameters: {
            query?: {
                /** @description Cursor: the last id of the previous page */
                after?: string;
                limit?: number;
                /** @description Only contests where the caller holds this role (signed in) */
                role?: components["schemas"]["ContestRole"];
                status?: components["schemas"]["ContestStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestPage"];
                };
            };
        };
    };
    PublicContestsController_get: {
        parameters: {
            query?: never;
            header?: {
                "accept-language"?: string;
            };
            path: {
                idOrSlug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestDetailView"];
                };
            };
            /** @description Unknown, or not yet open */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_results: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContestResultsView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_sessionEntries: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionEntryView"][];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_resultsPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contestSlug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                /** @description Cursor: the last id of the previous page */
                after?: string;
                limit?: number;
                role?: components["schemas"]["UserRole"];
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    UsersController_get: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    UsersController_remove: {
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
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    UsersController_changeAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeAccessDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Only system administrators */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            /** @description Your own account, or contest roles the new kind may not hold */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    PagesController_vote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    VotingController_deviceToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A hash of the browser's traits (tokens per fingerprint are limited) */
                "X-Client-Fingerprint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceTokenView"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    VoteIntegrityController_receipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                voteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    VotingController_list: {
        parameters: {
            query: {
                contestId: string;
                /** @description Only the sessions of this round */
                roundId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"][];
                };
            };
        };
    };
    VotingController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVotingSessionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VotingController_get: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VotingController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateVotingSessionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VoteIntegrityController_recount: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecountView"];
                };
            };
        };
    };
    VoteIntegrityController_queue: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                reason?: "ip_crowd" | "subnet_crowd" | "fingerprint_crowd" | "too_fast" | "burst" | "phone_run";
                status?: "quarantined" | "released" | "voided";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueView"];
                };
            };
        };
    };
    VoteIntegrityController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionView"];
                };
            };
        };
    };
    VotingController_recount: {
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
            /** @description {stored, tallies, equal} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VotingController_stage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VotingController_act: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionActionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VotingController_tallies: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TallyView"];
                };
            };
        };
    };
    VotingController_visibility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VisibilityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VotingSessionView"];
                };
            };
        };
    };
    VotingController_cast: {
        parameters: {
            query?: never;
            header: {
                /** @description The vote id (UUID) */
                "Idempotency-Key": string;
                /** @description A hash of the browser's traits (fraud signals: many devices from one browser) */
                "X-Client-Fingerprint"?: string;
                /** @description Milliseconds from the page appearing to the vote (fraud signals; it may only make the vote look faster than the time since its device token was issued, never slower) */
                "X-Page-Elapsed"?: string;
                /** @description Device token */
                "X-Voter-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CastVoteDto"];
            };
        };
        responses: {
            /** @description Already counted (a retry) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteReceiptView"];
                };
            };
            /** @description Counted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteReceiptView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyView"];
                };
            };
        };
    };
    VotingController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {queued, rssBytes, broadcasts, broadcastMs[]} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
