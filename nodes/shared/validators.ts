import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for bad input before anything is sent: names the field and the item. */
export function inputError(node: INode, itemIndex: number, field: string, problem: string, hint?: string) {
	return new NodeOperationError(node, `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: hint,
	});
}

// C0 controls, DEL and C1 controls: never part of an ID, and CR/LF/NUL can split a request line.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes the ASCII %XX escapes only: enough to see dots and control characters, and it never throws. */
function decodeAsciiEscapes(value: string): string {
	return value.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Why an ID cannot be one segment of a request path, or undefined when it can (once encoded).
 * `.` and `..` are resolved by every URL parser (`/leads/../status` becomes `/status`), in
 * encoded forms too (`%2e%2e`), and a server may decode an escape more than once, so every
 * decoding of the value is checked.
 */
export function pathIdProblem(id: string): string | undefined {
	if (id === '') return 'is required';
	if (LONE_SURROGATE.test(id)) return 'is not valid text (it holds a broken Unicode character)';
	for (let form = id, round = 0; round < 4; round++) {
		if (CONTROL_CHARACTER.test(form)) return `must not contain control characters such as line breaks or NUL (got ${JSON.stringify(id)})`;
		if (form === '.' || form === '..') return `must not be "${id}": in a URL path it would send the request to another endpoint`;
		const decoded = decodeAsciiEscapes(form);
		if (decoded === form) break;
		form = decoded;
	}
	return undefined;
}

/**
 * An ID from a parameter (typed, mapped, or chosen by an AI Agent) as one encoded path segment:
 * refused with an error naming the field and the item before anything is sent, when it could
 * change which endpoint the request reaches. Every other character is percent-encoded, so `/`,
 * `?`, `#` and `%` in an ID never add a segment, a query or a fragment.
 */
export function pathSegment(node: INode, itemIndex: number | undefined, label: string, value: unknown): string {
	const id = String(value ?? '').trim();
	const problem = pathIdProblem(id);
	if (!problem) return encodeURIComponent(id);
	// Trigger activations and pickers have no item to name.
	throw itemIndex === undefined ? new NodeOperationError(node, `${label} ${problem}`) : inputError(node, itemIndex, label, problem);
}

/**
 * An ID the provider sent (and the node uses in a later request) as one encoded path segment;
 * an ID that would change the endpoint is the provider's error, named with where it came from.
 */
export function answerPathSegment(node: INode, provider: string, what: string, value: unknown, itemIndex?: number): string {
	const id = String(value ?? '');
	const problem = pathIdProblem(id);
	if (problem) {
		throw new NodeApiError(node, { [what]: id.slice(0, 200) } as JsonObject, {
			message: `${provider} sent an ID (${what}) that cannot be used in a request URL`,
			description: `The ${what} ${problem}. The node did not send the follow-up request.`,
			itemIndex,
		});
	}
	return encodeURIComponent(id);
}

/** A phone number without its formatting (spaces, dashes, dots, brackets); undefined when empty. */
export function compactPhone(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	return String(value).replace(/[\s\-().]/g, '') || undefined;
}

/** The bare E.164 form, for APIs whose document requires E.164 (VoxStack); undefined otherwise. */
export function normalizePhone(value: unknown): string | undefined {
	const compact = compactPhone(value);
	return compact && E164.test(compact) ? compact : undefined;
}

export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value);
}

/** Parses a JSON parameter that may already be an object (n8n passes objects through). */
export function parseJsonValue(value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
	if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
	if (typeof value !== 'string') return { ok: true, value };
	try {
		return { ok: true, value: JSON.parse(value) };
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} B`;
}

/** A JSON-object parameter value (string or object): the object, undefined when empty, or an error naming the field. */
export function readJsonObject(context: IExecuteSingleFunctions, value: unknown, label: string): IDataObject | undefined {
	const parsed = parseJsonValue(value);
	if (!parsed.ok) throw inputError(context.getNode(), context.getItemIndex(), label, `is not valid JSON (${parsed.error})`);
	if (parsed.value === undefined) return undefined;
	if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
		throw inputError(context.getNode(), context.getItemIndex(), label, 'must be a JSON object');
	}
	return parsed.value as IDataObject;
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Webhook URLs must be https; loopback http is let through for local testing setups. */
export function checkWebhookUrl(context: IExecuteSingleFunctions, value: string, label: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw inputError(context.getNode(), context.getItemIndex(), label, `is not a valid URL (got "${value}")`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname))) {
		throw inputError(context.getNode(), context.getItemIndex(), label, 'must be an https:// address (the provider only delivers to HTTPS)');
	}
	return url.toString();
}

/**
 * A list value as the editor and expressions give it: an array (from an expression or a
 * multi-select), comma-separated text, or the text of a JSON array. Entries are trimmed, empty
 * ones dropped; `undefined` when nothing is left. Anything else (an object, a nested list) is
 * an error naming the field, never a silently dropped filter.
 */
export function readList(node: INode, itemIndex: number, label: string, value: unknown): string[] | undefined {
	let list: unknown = value;
	if (typeof list === 'string' && list.trim().startsWith('[')) {
		const parsed = parseJsonValue(list);
		if (!parsed.ok) throw inputError(node, itemIndex, label, `is not a valid JSON array (${parsed.error})`);
		list = parsed.value;
	}
	if (list === undefined || list === null || list === '') return undefined;
	if (typeof list === 'string' || typeof list === 'number') list = String(list).split(',');
	if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' && typeof entry !== 'number')) {
		throw inputError(node, itemIndex, label, `must be a list of values: comma-separated text or an array of strings (got ${JSON.stringify(value)?.slice(0, 80)})`);
	}
	const entries = list.map((entry) => String(entry).trim()).filter(Boolean);
	return entries.length ? entries : undefined;
}

/** The documented checks a query value can need before it is sent. */
export type QueryFormat = { list: 'comma' } | { oneOf: readonly string[] } | 'uuid' | 'boolean';

/**
 * preSend of one query (or body) value that a field's `routing.send` put into the request:
 * checks it against the documented format and writes it the way the document sends it (a list
 * as one comma-separated value); an empty value is left out. A bad value is an error naming the
 * field and item, before anything is sent.
 */
export function checkedQuery(key: string, label: string, format: QueryFormat, where: 'qs' | 'body' = 'qs') {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const values = (options[where] ?? {}) as IDataObject;
		if (typeof values !== 'object' || !(key in values)) return options;
		const fail = (problem: string) => inputError(this.getNode(), this.getItemIndex(), label, problem);
		let value = values[key] as unknown;
		if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) value = (value as IDataObject).value;
		if (typeof value === 'string') value = value.trim();
		if (typeof format === 'object' && 'list' in format) {
			const list = readList(this.getNode(), this.getItemIndex(), label, value);
			value = list?.join(',');
		} else if (value === '' || value === undefined || value === null) {
			value = undefined;
		} else if (format === 'uuid') {
			if (!isUuid(value)) throw fail(`must be a UUID (got "${String(value)}")`);
		} else if (format === 'boolean') {
			if (value !== true && value !== false && value !== 'true' && value !== 'false') throw fail(`must be true or false (got "${String(value)}")`);
			value = where === 'qs' ? String(value) : value === true || value === 'true';
		} else if (!format.oneOf.includes(String(value))) {
			throw fail(`must be one of ${format.oneOf.join(', ')} (got "${String(value)}")`);
		}
		const rest = { ...values };
		delete rest[key];
		options[where] = value === undefined ? rest : { ...rest, [key]: value as string };
		return options;
	};
}
