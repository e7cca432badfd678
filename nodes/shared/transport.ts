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
	IWebhookFunctions,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ErrorParser } from './errors';
import { ProviderApiError, decodeBody, describeNonJsonError } from './errors';
import type { Paging } from './pagination';
import { collectPages } from './pagination';

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

type AnyContext = IExecuteSingleFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

const MAX_RATE_LIMIT_ATTEMPTS = 8;
const MAX_TRANSIENT_ATTEMPTS = 3;
/** Below this, a spent window is left to the 429's Retry-After rather than waited out up front. */
const MIN_PROACTIVE_WAIT_MS = 5_000;
/** A rate-limit wait longer than this fails the item with a clear message instead of stalling. */
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
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
 * One gate per provider credential, shared by every item and every node in this n8n process:
 * it caps concurrent requests, and after a 429 (or an exhausted X-RateLimit-Remaining) it holds
 * every request until the window resets, so 500 items wait together instead of stampeding.
 */
class RateGate {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	private blockedUntil = 0;

	constructor(private readonly maxConcurrency: number) {}

	async acquire(): Promise<void> {
		if (this.inFlight >= this.maxConcurrency) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.inFlight++;
		}
		// Re-check after every sleep: another request may have extended the block meanwhile.
		for (let wait = this.blockedUntil - Date.now(); wait > 0; wait = this.blockedUntil - Date.now()) {
			await sleep(wait);
		}
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}

	pauseFor(ms: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
	}

	/**
	 * Proactive: when the provider says a long window is spent, wait for its reset instead of
	 * collecting 429s. Short windows are left to the 429s' Retry-After: reset headers come in
	 * whole seconds, and waiting for them would idle up to a second per window.
	 */
	observe(headers: IDataObject | undefined): void {
		const remaining = Number(header(headers, 'x-ratelimit-remaining'));
		if (headers && header(headers, 'x-ratelimit-remaining') !== undefined && remaining <= 0) {
			const resetMs = resetDelayMs(header(headers, 'x-ratelimit-reset'));
			if (resetMs !== undefined && resetMs >= MIN_PROACTIVE_WAIT_MS && resetMs <= MAX_RATE_LIMIT_WAIT_MS) this.pauseFor(resetMs);
		}
	}
}

const gates = new Map<string, RateGate>();

function gateFor(context: { getNode(): INode }, spec: ProviderSpec): RateGate {
	const credentialIds = Object.values(context.getNode().credentials ?? {})
		.map((c) => c.id ?? c.name)
		.join(',');
	const key = `${spec.name}|${credentialIds}`;
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
	return Math.max(0, ms) + 50;
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
	itemIndex?: number,
): Promise<T> {
	const gate = gateFor(context, spec);
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
	for (let attempt = 1; ; attempt++) {
		await gate.acquire();
		let error: unknown;
		try {
			return await send();
		} catch (caught) {
			error = caught;
		} finally {
			gate.release();
		}
		if (error instanceof ProviderApiError) {
			if (error.httpStatus === 429) {
				const wait = retryAfterMs(error.responseHeaders) ?? backoffMs(attempt);
				if (attempt < MAX_RATE_LIMIT_ATTEMPTS && wait <= MAX_RATE_LIMIT_WAIT_MS) {
					gate.pauseFor(wait);
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
		const code = networkErrorCode(error);
		if (code === undefined) throw error;
		if (idempotent && attempt < MAX_TRANSIENT_ATTEMPTS) {
			await sleep(backoffMs(attempt));
			continue;
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
		gateFor(this, spec).observe(response.headers);
		if (response.statusCode < 400) return items;
		throw providerError(this.getNode(), spec, response.statusCode, response.headers, response.body, this.getItemIndex());
	};
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

/** List records from a list body; a single object (where the document's schema is one object) is one record. */
function listRecords(spec: ProviderSpec, body: unknown, single: boolean): IDataObject[] {
	const list = spec.listItems(body);
	if (Array.isArray(list)) return list as IDataObject[];
	if (!single) return [];
	const record = list ?? body;
	return record !== null && typeof record === 'object' && Object.keys(record).length ? [record as IDataObject] : [];
}

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
			return await withRetry(this, spec, method, async () => await this.makeRoutingRequest(data), itemIndex);
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
			return body;
		};

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
			const records = listRecords(spec, body, options.paging!.type === 'single');
			return { body, records: options.select ? records.filter((r) => options.select!.call(this, r)) : records };
		});
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
 * error mapping and retry policy as the routed operations.
 */
export async function apiRequest(
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
	};
	const response = await withRetry(this, spec, request.method, async () => {
		const full = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			options,
		)) as IN8nHttpFullResponse;
		gateFor(this, spec).observe(full.headers);
		if (full.statusCode === 404 && request.allowNotFound) return undefined;
		if (full.statusCode >= 400) {
			throw providerError(this.getNode(), spec, full.statusCode, full.headers, full.body);
		}
		return full;
	});
	if (response === undefined) return undefined;
	const body = decodeBody(response.body);
	return spec.unwrap ? spec.unwrap(body) : body;
}
