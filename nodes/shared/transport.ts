import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	ITriggerFunctions,
	IWebhookFunctions,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { checkAnswerDepth, describeShape } from './answers';
import type { ErrorParser } from './errors';
import { ProviderApiError, decodeBody, describeNonJsonError } from './errors';
import type { Paging } from './pagination';
import { collectPages } from './pagination';
import { originOf, redactDeep, redactorOf } from './security';

/** Everything the shared layer needs to know about one provider's API. */
export interface ProviderSpec {
	/** Shown in messages: "Convo answered 403: …". */
	name: string;
	/** Turns the provider's error body into a message and description. */
	parseError: ErrorParser;
	/** Pulls the records out of a list response (bare array, `data`, `data.items`, …). */
	listItems: (body: unknown) => unknown;
	/** Unwraps a single-record response (`data` envelopes). Identity when absent. */
	unwrap?: (body: unknown) => unknown;
	/** Requests in flight at once per credential; the routing engine starts every item at once. */
	maxConcurrency?: number;
}

type AnyContext = IExecuteSingleFunctions | IHookFunctions | ILoadOptionsFunctions | ITriggerFunctions | IWebhookFunctions;

/** n8n's timeout for declarative requests when a node sets none; apiRequest uses it too. */
export const DEFAULT_TIMEOUT_MS = 300_000;
const MAX_RATE_LIMIT_ATTEMPTS = 8;
const MAX_TRANSIENT_ATTEMPTS = 3;
/** A rate-limit wait longer than this fails the item with a clear message instead of stalling. */
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
/** Slack added to a reset time read from whole-second headers, so a request lands after it. */
const RESET_MARGIN_MS = 25;
/** After a refusal the learned pace drops this much; refusals cost a Retry-After pause each. */
const BACK_OFF = 1.1;
/**
 * Without refusals the learned pace speeds up per answered request: quickly (10 % per 100) until
 * a paced request is first refused, then slowly (1 % per 100). Retry-After comes in whole
 * seconds, so the first estimate is on the slow side.
 */
const SPEED_UP_FIRST = 0.999;
const SPEED_UP = 0.9999;
/** A gap in traffic this long starts the count of answers afresh. */
const IDLE_MS = 10_000;
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
/** Network failures worth a retry, in words (n8n rewrites messages that contain the raw code). */
const NETWORK_ERRORS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
	EPIPE: 'the connection was closed while sending',
	ECONNREFUSED: 'the connection was refused',
	EAI_AGAIN: 'the host name could not be resolved',
};

/**
 * One gate per credential and base URL, shared by every item and every node in this n8n
 * process. It caps concurrent requests and paces their starts so the provider's limit is used
 * without being hit:
 *  - answers with X-RateLimit-Remaining and -Reset: the first half of a window's budget goes
 *    out freely, the rest is spread evenly over the time left to the reset (an exhausted
 *    budget waits for the reset);
 *  - refusals without those headers (Retry-After only): the first refusal shows how many
 *    requests the provider takes per Retry-After wait; later requests keep to that pace,
 *    creeping faster while nothing is refused and backing off after each refusal.
 */
class RateGate {
	/** Requests holding a slot (sent or waiting for their start), and those already sent. */
	private held = 0;

	private sent = 0;

	private readonly waiting: Array<() => void> = [];

	private blockedUntil = 0;

	/** Pacing: the earliest start of the next request and the spacing between starts (ms). */
	private nextStart = 0;

	private interval = 0;

	/** Whether the provider sends a budget with its answers (then it, not refusals, sets the pace). */
	private budgeted = false;

	/** Answers since the last refusal or pause in traffic. */
	private answered = 0;

	private lastRefusal = 0;

	/** Requests that had to wait for the pace: only they show that a faster pace might be taken. */
	private pacedWaits = 0;

	/** Whether a paced request has been refused yet: the pace is then close to the limit. */
	private settled = false;

	constructor(private readonly maxConcurrency: number) {}

	async acquire(): Promise<void> {
		if (this.held >= this.maxConcurrency) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.held++;
		}
		// Re-check after every sleep: another answer may have moved the block or the pace meanwhile.
		let paced = false;
		for (;;) {
			const now = Date.now();
			const start = Math.max(now, this.blockedUntil, this.nextStart);
			if (start <= now) break;
			paced ||= start === this.nextStart;
			await sleep(start - now);
		}
		if (paced) this.pacedWaits++;
		const now = Date.now();
		// After a pause in traffic, count afresh: old answers say nothing about the current rate.
		if (now - this.nextStart > IDLE_MS) this.answered = 0;
		this.nextStart = now + this.interval;
		this.sent++;
	}

	release(): void {
		this.sent--;
		const next = this.waiting.shift();
		if (next) next();
		else this.held--;
	}

	/**
	 * A refusal of a request sent at `sentAt`: hold every request until the provider's wait is
	 * over, and learn from it. Requests that were already out when an earlier refusal came in
	 * teach nothing new (a burst of them would otherwise slow the pace once each).
	 */
	refused(waitMs: number, sentAt: number): void {
		const now = Date.now();
		this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
		if (this.budgeted || sentAt < this.lastRefusal) return;
		this.lastRefusal = now;
		if (this.interval === 0) {
			// Unpaced, the provider took `answered` requests and asks for `waitMs` before more:
			// that many per wait is a pace it can sustain.
			this.interval = waitMs / Math.max(1, this.answered);
		} else {
			// Paced, the pace crept too fast: back off, and from now on creep up slowly.
			this.interval *= BACK_OFF;
			this.settled = true;
		}
		this.answered = 0;
	}

	/** Every answer that was not a refusal: reads the budget headers when the provider sends them. */
	observe(headers: IDataObject | undefined): void {
		this.answered++;
		const remainingHeader = header(headers, 'x-ratelimit-remaining');
		const resetMs = resetDelayMs(header(headers, 'x-ratelimit-reset'));
		if (remainingHeader === undefined || resetMs === undefined) {
			if (!this.budgeted && this.pacedWaits > 0) {
				this.pacedWaits--;
				this.interval *= this.settled ? SPEED_UP : SPEED_UP_FIRST;
			}
			return;
		}
		this.budgeted = true;
		// Requests sent but not yet answered come out of the same budget.
		const remaining = Number(remainingHeader) - Math.max(0, this.sent - 1);
		const limit = Number(header(headers, 'x-ratelimit-limit'));
		if (!Number.isFinite(remaining)) return;
		if (remaining <= 0) {
			// Spent: wait for the reset when it is near enough, else let the 429 explain.
			if (resetMs <= MAX_RATE_LIMIT_WAIT_MS) this.blockedUntil = Math.max(this.blockedUntil, Date.now() + resetMs);
			this.interval = 0;
			return;
		}
		// The first half of the budget goes out freely, the rest evenly until the reset.
		this.interval = Number.isFinite(limit) && remaining > limit / 2 ? 0 : resetMs / (remaining + 1);
		this.nextStart = Math.min(this.nextStart, Date.now() + this.interval);
	}
}

const gates = new Map<string, RateGate>();
/** The gate and Base URL of each routed request in flight, for the postReceive step that reads its answer. */
const routed = new Map<string, { gate: RateGate; baseUrl: string }>();

type ItemContext = { getExecutionId(): string; getNode(): INode };
const routedKey = (context: ItemContext, itemIndex: number) => `${context.getExecutionId()}|${context.getNode().name}|${itemIndex}`;

function gateFor(context: { getNode(): INode }, spec: ProviderSpec, baseUrl: string): RateGate {
	const credentialIds = Object.values(context.getNode().credentials ?? {})
		.map((c) => c.id ?? c.name)
		.join(',');
	const key = `${spec.name}|${credentialIds}|${baseUrl}`;
	let gate = gates.get(key);
	if (!gate) {
		gate = new RateGate(spec.maxConcurrency ?? 5);
		gates.set(key, gate);
	}
	return gate;
}

function header(headers: IDataObject | Record<string, unknown> | undefined, name: string) {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/** X-RateLimit-Reset comes as epoch seconds or as seconds-until-reset; accept both. */
function resetDelayMs(value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	if (!Number.isFinite(n)) return undefined;
	const ms = n > 1e9 ? n * 1000 - Date.now() : n * 1000;
	return Math.max(0, ms) + RESET_MARGIN_MS;
}

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
	}
	return resetDelayMs(header(headers, 'x-ratelimit-reset'));
}

function networkErrorCode(error: unknown): string | undefined {
	const candidates = [
		error,
		(error as { cause?: unknown })?.cause,
		(error as { errorResponse?: unknown })?.errorResponse,
	];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && code in NETWORK_ERRORS) return code;
	}
	const message = String((error as Error)?.message ?? '');
	if (/timeout|timed out/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
	return undefined;
}

/** axios' own timeout (no answer headers in time), in any of the shapes n8n hands it on. */
const HEADER_TIMEOUTS = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * Whether the request ran out of time: axios' timeout, or the deadline signal of
 * `authenticateWith` (a cancellation while the execution itself was not cancelled).
 */
function timedOut(context: object, error: unknown): boolean {
	const code = networkErrorCode(error);
	if (code !== undefined && HEADER_TIMEOUTS.has(code)) return true;
	const candidates = [error, (error as { cause?: unknown })?.cause, (error as { errorResponse?: unknown })?.errorResponse];
	const cancelled = candidates.some((c) => (c as { code?: unknown })?.code === 'ERR_CANCELED' || (c as Error)?.name === 'CanceledError');
	const execution = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	return cancelled && !execution?.aborted;
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** The node's Timeout (Settings → Request Options) when it is a declarative node's item, else undefined. */
function nodeTimeout(context: object): number | undefined {
	if (!('getItemIndex' in context)) return undefined;
	const options = (context as IExecuteSingleFunctions).getNodeParameter('requestOptions', {}) as IDataObject;
	const ms = Number(options?.timeout);
	return ms > 0 ? ms : undefined;
}

/** Which timeout bounds a request of this context, in words. */
function timeoutSetting(context: object): string {
	const ms = nodeTimeout(context);
	return ms ? `the node's Timeout of ${seconds(ms)} (Settings → Request Options)` : `the default timeout of ${seconds(DEFAULT_TIMEOUT_MS)}`;
}

function backoffMs(attempt: number): number {
	return 300 * 2 ** (attempt - 1) + Math.floor(Math.random() * 100);
}

/**
 * Runs `send` with the gate held, retrying (a) any method after a 429, honouring Retry-After /
 * X-RateLimit-Reset, and (b) idempotent methods only after a 5xx or a network failure: a POST
 * that failed with a 5xx may already have been applied, so it is never sent twice.
 */
export async function withRetry<T>(
	context: { getNode(): INode },
	spec: ProviderSpec,
	method: string,
	send: () => Promise<T>,
	itemIndex: number | undefined,
	baseUrl: string,
): Promise<T> {
	const gate = gateFor(context, spec, baseUrl);
	// Routed requests (item index known) are answered in checkResponse, which finds the gate here.
	const key = itemIndex !== undefined && 'getExecutionId' in context ? routedKey(context as ItemContext, itemIndex) : undefined;
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
	for (let attempt = 1; ; attempt++) {
		await gate.acquire();
		const sentAt = Date.now();
		let error: unknown;
		try {
			if (key) routed.set(key, { gate, baseUrl });
			return await send();
		} catch (caught) {
			error = caught;
		} finally {
			if (key) routed.delete(key);
			gate.release();
		}
		if (error instanceof ProviderApiError) {
			if (error.httpStatus === 429) {
				const wait = retryAfterMs(error.responseHeaders) ?? backoffMs(attempt);
				if (attempt < MAX_RATE_LIMIT_ATTEMPTS && wait <= MAX_RATE_LIMIT_WAIT_MS) {
					gate.refused(wait, sentAt);
					continue;
				}
				error.description = `${spec.name} kept answering 429 after ${attempt} attempts (next window in ${Math.ceil(wait / 1000)} s). Lower the item rate or raise the plan's limit.`;
				throw error;
			}
			if (idempotent && TRANSIENT_STATUSES.has(error.httpStatus) && attempt < MAX_TRANSIENT_ATTEMPTS) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw error;
		}
		const timeout = timedOut(context, error);
		const code = timeout ? 'ETIMEDOUT' : networkErrorCode(error);
		if (code === undefined) throw error;
		if (idempotent && attempt < MAX_TRANSIENT_ATTEMPTS) {
			await sleep(backoffMs(attempt));
			continue;
		}
		if (timeout) {
			throw new NodeApiError(context.getNode(), { networkError: code }, {
				message: `${spec.name} did not answer within ${timeoutSetting(context)}`,
				description: `The timeout bounds the whole request, the answer's body included. ${
					idempotent
						? `The ${method} request was tried ${attempt} times.`
						: `The ${method} request was not retried because it may already have been applied: check the result in ${spec.name} before running it again.`
				}`,
				itemIndex,
			});
		}
		// Re-wrap so the request (and its Authorization header) is not carried along as `cause`.
		throw new NodeApiError(
			context.getNode(),
			{ networkError: code },
			{
				message: `Could not reach ${spec.name}: ${NETWORK_ERRORS[code]}`,
				description: idempotent
					? `The request failed ${attempt} times (${code}). Check the Base URL in the credential and that the service is up.`
					: `The ${method} request failed (${code}) and was not retried because it may already have been applied. Check the result in ${spec.name} before running it again.`,
				itemIndex,
			},
		);
	}
}

/**
 * The first postReceive step of every operation: feeds rate-limit headers to the gate and
 * turns any 4xx/5xx (requests run with ignoreHttpStatusErrors) into a ProviderApiError.
 */
export function checkResponse(spec: ProviderSpec): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		const request = routed.get(routedKey(this, this.getItemIndex()));
		if (response.statusCode !== 429) request?.gate.observe(response.headers);
		if (isRedirect(response.statusCode)) {
			throw redirectError(this.getNode(), spec, response.statusCode, response.headers, request?.baseUrl ?? '', this.getItemIndex());
		}
		if (response.statusCode < 400) return items;
		throw providerError(this.getNode(), spec, response.statusCode, response.headers, response.body, this.getItemIndex());
	};
}

/** A 3xx other than 304 (Not Modified, which is no redirect). */
const isRedirect = (statusCode: number) => statusCode >= 300 && statusCode < 400 && statusCode !== 304;

/**
 * A redirect is never followed (see `authenticateWith`): no provider documents one, and
 * following it could carry the credential to another origin. The error names both origins.
 */
function redirectError(node: INode, spec: ProviderSpec, statusCode: number, headers: IDataObject, baseUrl: string, itemIndex?: number): NodeApiError {
	const location = String(header(headers, 'location') ?? '');
	const from = originOf(baseUrl) ?? baseUrl;
	let target: string | undefined;
	try {
		target = location ? new URL(location, `${baseUrl.replace(/\/+$/, '')}/`).href : undefined;
	} catch {
		target = undefined;
	}
	const to = originOf(target);
	const where = !location
		? 'without a Location'
		: to && to === from
			? `to ${new URL(target!).pathname} on the same origin`
			: `from ${from} to ${to ?? `"${location.slice(0, 100)}"`}`;
	return new NodeApiError(node, { statusCode, location: location.slice(0, 500) }, {
		message: `${spec.name} answered ${statusCode}, a redirect ${where}: not followed`,
		description:
			to && to !== from
				? `The credential is only sent to ${from}, the origin of its Base URL, and the redirect leads to ${to}. If the service has moved, change the Base URL in the credential.`
				: `Redirects are not followed (${spec.name} documents none), so the credential never leaves ${from}. Check the Base URL in the credential.`,
		httpCode: String(statusCode),
		itemIndex,
	});
}

function providerError(
	node: INode,
	spec: ProviderSpec,
	statusCode: number,
	headers: IDataObject,
	rawBody: unknown,
	itemIndex?: number,
): ProviderApiError {
	const body = decodeBody(rawBody);
	const text =
		body && typeof body === 'object' ? spec.parseError(body, statusCode) : describeNonJsonError(statusCode, body);
	return new ProviderApiError(node, body, statusCode, headers, {
		...text,
		message: `${spec.name}: ${text.message}`,
	}, itemIndex);
}

function toItems(value: unknown, itemIndex: number): INodeExecutionData[] {
	const records = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
	return records.map((record) => ({
		json: record !== null && typeof record === 'object' ? (record as IDataObject) : { value: record as string },
		pairedItem: { item: itemIndex },
	}));
}

/** A 204, an empty 200/201, or an envelope whose data is null: the API said nothing beyond "done". */
function isNoContent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** The values of the `{name}` placeholders of a URL template in the URL that was sent. */
function pathValues(template: string, url: string): string[] {
	const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/?]+)');
	const match = new RegExp(`^${source}(?:[?#]|$)`).exec(url);
	return match ? match.slice(1).map((value) => decodeURIComponent(value)) : [];
}

/**
 * What an operation outputs when the API answers without content, so the next node still runs
 * once per input item, as n8n's own nodes do: `{ deleted: true, id }` for deletes,
 * `{ success: true, id }` otherwise, or the operation's own answer (e.g. `{ status: 'pending' }`).
 * `id` is the last ID of the URL, when it has one.
 */
function noContentAnswer(method: string, requestData: DeclarativeRestApiSettings.ResultOptions, options: RoutedOptions): IDataObject {
	const answer: IDataObject = options.empty ? { ...options.empty } : method.toUpperCase() === 'DELETE' ? { deleted: true } : { success: true };
	const ids = options.path ? pathValues(options.path, String(requestData.options.url ?? '')) : [];
	if (ids.length) answer.id = ids[ids.length - 1];
	return answer;
}

/**
 * List records from a list body; a single object (where the document's schema is one object) is
 * one record. An answer without content, or with the documented key set to null, lists nothing;
 * any other answer without the documented array is `undocumented`: its records would be lost.
 */
function listRecords(spec: ProviderSpec, body: unknown, single: boolean, undocumented: (received: string) => Error): IDataObject[] {
	if (isNoContent(body) || (isPlainObject(body) && Object.keys(body).length === 0)) return [];
	const list = spec.listItems(body);
	if (Array.isArray(list)) return list as IDataObject[];
	if (single) {
		const record = list ?? body;
		return isPlainObject(record) && Object.keys(record).length ? [record as IDataObject] : [];
	}
	if (list === null) return [];
	throw undocumented(describeShape(body));
}

/** A list answer without the documented array: an error naming the list and what arrived. */
function undocumentedList(node: INode, spec: ProviderSpec, list: string, received: string, itemIndex?: number) {
	return new NodeApiError(node, { received }, {
		message: `${spec.name} answered ${list} without the list its document describes`,
		description: `Expected the records in the documented place, got ${received}. Nothing was output, so no records are silently lost; check the Base URL in the credential (another API version answers differently).`,
		itemIndex,
	});
}

const isPlainObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface RoutedOptions {
	/** List operations: how to page; Return All / Limit are read from the node. */
	paging?: Paging;
	/** Keep the engine's output untouched (binary downloads, custom postReceive). */
	raw?: boolean;
	/** Client-side filter applied to list records before Limit. */
	select?: (this: IExecuteSingleFunctions, record: IDataObject) => boolean;
	/** The URL template (`/users/{userId}`), to name the ID in an answer without content. */
	path?: string;
	/** Output for an answer without content, instead of `{ success: true }` / `{ deleted: true }`. */
	empty?: IDataObject;
}

/**
 * The request executor every declarative operation routes through (n8n's routing engine hands
 * the prepared request to `routing.operations.pagination` when it is a function). It adds the
 * shared retry policy, pagination, envelope unwrapping and a check for unreadable JSON.
 */
export function routedRequest(spec: ProviderSpec, options: RoutedOptions = {}) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const method = String(requestData.options.method ?? 'GET');
		const send = async (qs?: IDataObject) => {
			const data = qs ? { ...requestData, options: { ...requestData.options, qs: { ...requestData.options.qs, ...qs } } } : requestData;
			return await withRetry(this, spec, method, async () => await this.makeRoutingRequest(data), itemIndex, String(requestData.options.baseURL ?? ''));
		};
		const readBody = (items: INodeExecutionData[]) => {
			const body = items[0]?.json as unknown;
			if (typeof body === 'string' && body.trim() !== '') {
				throw new NodeApiError(this.getNode(), { body: body.slice(0, 200) }, {
					message: `${spec.name} returned a response that is not valid JSON`,
					description: `Body starts with: ${body.slice(0, 200)}`,
					itemIndex,
				});
			}
			checkAnswerDepth(this.getNode(), spec.name, body, itemIndex);
			return body;
		};
		// Names the list in errors about its answers: "GET /leads".
		const list = `${method.toUpperCase()} ${String(requestData.options.url ?? '')}`;
		const undocumented = (received: string) => undocumentedList(this.getNode(), spec, list, received, itemIndex);
		const stalled = (problem: string) =>
			new NodeApiError(this.getNode(), { list }, {
				message: `${spec.name} kept paging ${list} without advancing: ${problem}`,
				description: 'Reading stopped here instead of going on forever, and nothing was output rather than an incomplete list. Check the list in the provider, or try again later.',
				itemIndex,
			});

		if (options.raw) return await send();
		if (!options.paging) {
			const body = readBody(await send());
			const value = spec.unwrap ? spec.unwrap(body) : body;
			if (isNoContent(value)) return [{ json: noContentAnswer(method, requestData, options), pairedItem: { item: itemIndex } }];
			return toItems(value, itemIndex);
		}
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const records = await collectPages(options.paging, limit, async (qs) => {
			const body = readBody(await send(qs));
			const records = listRecords(spec, body, options.paging!.type === 'single', undocumented);
			return { body, records: options.select ? records.filter((r) => options.select!.call(this, r)) : records };
		}, stalled);
		return toItems(records, itemIndex);
	};
}

/** Request options for `apiRequest`; `url` is relative to the credential's Base URL. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject | IDataObject[] | Buffer;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Answer undefined for a 404 instead of throwing (checking whether something still exists). */
	allowNotFound?: boolean;
}

/**
 * Programmatic requests (trigger registration, searchable pickers) with the same auth,
 * error mapping and retry policy as the routed operations. Whatever comes back, answer or
 * error, has the credential's secrets redacted.
 */
export async function apiRequest(
	this: AnyContext,
	spec: ProviderSpec,
	credentialType: string,
	baseUrl: string,
	request: ApiRequest,
): Promise<unknown> {
	const redact = await redactorOf(this, [credentialType]);
	try {
		return redactDeep(await sendApiRequest.call(this, spec, credentialType, baseUrl, request), redact);
	} catch (error) {
		throw redactDeep(error, redact);
	}
}

/**
 * A list read outside the routing engine (searchable pickers, option lists): the whole answer
 * and its records. An answer without the documented list is an error naming what arrived, never
 * an empty picker that hides it.
 */
export async function apiList(
	this: AnyContext,
	spec: ProviderSpec,
	credentialType: string,
	baseUrl: string,
	request: ApiRequest,
): Promise<{ body: unknown; records: IDataObject[] }> {
	const body = await apiRequest.call(this, { ...spec, unwrap: undefined }, credentialType, baseUrl, request);
	return { body, records: readList(this.getNode(), spec, `${request.method} ${request.url}`, body) };
}

/** The records of a whole list answer (`list` names it in errors: "GET /leads"), as `apiList` reads them. */
export function readList(node: INode, spec: ProviderSpec, list: string, body: unknown): IDataObject[] {
	checkAnswerDepth(node, spec.name, body);
	return listRecords(spec, body, false, (received) => undocumentedList(node, spec, list, received)).filter(isPlainObject) as IDataObject[];
}

async function sendApiRequest(
	this: AnyContext,
	spec: ProviderSpec,
	credentialType: string,
	baseUrl: string,
	request: ApiRequest,
): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: baseUrl,
		url: request.url,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...request.headers },
		json: !Buffer.isBuffer(request.body),
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: nodeTimeout(this) ?? DEFAULT_TIMEOUT_MS,
	};
	const response = await withRetry(this, spec, request.method, async () => {
		const full = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			options,
		)) as IN8nHttpFullResponse;
		if (full.statusCode !== 429) gateFor(this, spec, baseUrl).observe(full.headers);
		if (isRedirect(full.statusCode)) throw redirectError(this.getNode(), spec, full.statusCode, full.headers, baseUrl);
		if (full.statusCode === 404 && request.allowNotFound) return undefined;
		if (full.statusCode >= 400) {
			throw providerError(this.getNode(), spec, full.statusCode, full.headers, full.body);
		}
		return full;
	}, undefined, baseUrl);

	if (response === undefined) return undefined;
	const body = decodeBody(response.body);
	return spec.unwrap ? spec.unwrap(body) : body;
}
