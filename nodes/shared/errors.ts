import type { IDataObject, IExecuteSingleFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What a provider's error body boils down to for the person reading the n8n error panel. */
export interface ProviderErrorText {
	message: string;
	description?: string;
	/** The provider's own ID of the failed request, for its support, where it gives one. */
	requestId?: string;
}

/** Turns a provider error body into readable text; every provider supplies one. */
export type ErrorParser = (body: unknown, statusCode: number) => ProviderErrorText;

/**
 * A NodeApiError that also remembers what the retry logic needs: the HTTP status and the
 * response headers (Retry-After, X-RateLimit-Reset). Headers never hold our secrets: they are
 * the provider's response headers, not our request headers.
 */
export class ProviderApiError extends NodeApiError {
	// Not `statusCode`: n8n's routing engine replaces the message of errors carrying
	// statusCode 429 with a generic hint, and ours already says what happened.
	declare readonly httpStatus: number;

	declare readonly responseHeaders: Record<string, unknown>;

	declare readonly requestId?: string;

	constructor(
		node: INode,
		body: unknown,
		statusCode: number,
		headers: Record<string, unknown>,
		text: ProviderErrorText,
		itemIndex?: number,
	) {
		super(node, toJsonObject(body, statusCode), {
			message: text.message,
			description: text.description,
			httpCode: String(statusCode),
			itemIndex,
		});
		// Non-enumerable: retry bookkeeping, not something to store in execution data.
		Object.defineProperty(this, 'httpStatus', { value: statusCode, enumerable: false });
		Object.defineProperty(this, 'responseHeaders', { value: headers, enumerable: false });
		Object.defineProperty(this, 'requestId', { value: text.requestId, enumerable: false });
	}
}

function toJsonObject(body: unknown, statusCode: number): JsonObject {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return body as JsonObject;
	}
	return { statusCode, body: bodyToText(body).slice(0, 500) };
}

export function bodyToText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (typeof body === 'string') return body;
	return JSON.stringify(body);
}

/** Decodes a response body that may arrive as Buffer/string (binary requests, bad JSON). */
export function decodeBody(body: unknown): unknown {
	if (Buffer.isBuffer(body) || body instanceof ArrayBuffer || typeof body === 'string') {
		const text = bodyToText(body);
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return body;
}

/** What a status code usually means; providers that use a code differently pass their own hints. */
const STATUS_HINTS: Record<number, string> = {
	401: 'The credential was rejected: check the API token in the credential.',
	403: 'The credential is valid but lacks permission for this operation.',
	404: 'The resource does not exist, or belongs to another workspace.',
	413: 'The request body is larger than the API accepts.',
	429: 'The API rate limit was still exceeded after waiting and retrying.',
};

/** Message for an error body that is not JSON at all (an HTML gateway page, say). */
export function describeNonJsonError(statusCode: number, body: unknown): ProviderErrorText {
	const text = bodyToText(body)
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return {
		message: `The service answered ${statusCode} with a non-JSON body`,
		description: text ? `Body starts with: ${text.slice(0, 200)}` : STATUS_HINTS[statusCode],
	};
}

export function statusHint(statusCode: number, own: Record<number, string> = {}): string | undefined {
	return own[statusCode] ?? STATUS_HINTS[statusCode];
}

/** Whether the node runs as an AI-agent tool (n8n gives tool nodes the type `<node>Tool`). */
function runsAsTool(context: IExecuteSingleFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

function inputItemCount(context: IExecuteSingleFunctions): number {
	return context.getExecuteData()?.data?.main?.[0]?.length ?? 1;
}

/** ` [item N]` names the item among several; with a single input item it names nothing. */
export function forItemCount(message: string, itemIndex: number, itemCount: number): string {
	const suffix = ` [item ${itemIndex}]`;
	return itemCount === 1 && message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

/**
 * Last touch on every error an operation throws: ` [item N]` names the item among several and
 * is dropped when there is only one; as an AI-agent tool the model sees only the message, so the
 * provider's explanation (the description) goes into it.
 */
export function finishError(context: IExecuteSingleFunctions, error: unknown): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	error.message = forItemCount(error.message, context.getItemIndex(), inputItemCount(context));
	if (runsAsTool(context) && error.description && !error.message.includes(error.description)) {
		error.message = `${error.message} — ${error.description}`;
	}
	return error;
}

/**
 * The item Continue On Fail outputs for a failed request: n8n's `{ error: message }` plus
 * `details` (the provider's field messages or hint, the HTTP status, its request ID). Only keys
 * n8n's error output recognises: for a node whose errors go to the error output, the details are
 * one `message` text, since n8n 1.x routes only `{ error, message }` items there.
 */
export function errorItemJson(error: NodeApiError | NodeOperationError, toErrorOutput = false): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	if (error instanceof ProviderApiError && error.requestId) details.requestId = error.requestId;
	if (!Object.keys(details).length) return { error: error.message };
	if (toErrorOutput) {
		const parts = [details.description, details.httpCode && `HTTP ${details.httpCode}`, details.requestId && `request ID ${details.requestId}`];
		return { error: error.message, message: parts.filter(Boolean).join(' · ') };
	}
	return { error: error.message, details };
}

/** Collects `field: message` pairs from the common validation-error shapes. */
export function joinMessages(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		const parts = value.map(joinMessages).filter(Boolean);
		return parts.length ? parts.join('; ') : undefined;
	}
	if (value && typeof value === 'object') {
		const object = value as IDataObject;
		if (typeof object.message === 'string') {
			return object.field ? `${String(object.field)}: ${object.message}` : object.message;
		}
		const parts = Object.entries(object).map(([key, v]) => {
			const inner = joinMessages(v);
			return inner ? `${key}: ${inner}` : undefined;
		});
		const filtered = parts.filter(Boolean);
		return filtered.length ? filtered.join('; ') : undefined;
	}
	return undefined;
}
