import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INode, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for bad input before anything is sent: names the field and the item. */
export function inputError(node: INode, itemIndex: number, field: string, problem: string, hint?: string) {
	return new NodeOperationError(node, `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: hint,
	});
}

/** Accepts common formatting (spaces, dashes, dots, brackets) and returns the bare E.164 form. */
export function normalizePhone(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const compact = String(value).replace(/[\s\-().]/g, '');
	return E164.test(compact) ? compact : undefined;
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

type Check = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => void | Promise<void>;

/** Wraps a check as a preSend step: it runs per item, before the request is sent. */
export function preSendCheck(check: Check): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		await check.call(this, options);
		return options;
	};
}

/** preSend: the parameter must be an E.164 phone number; the normalised form is sent. */
export function requirePhone(parameter: string, label: string, bodyPath: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const raw = this.getNodeParameter(parameter, '') as string;
		const phone = normalizePhone(raw);
		if (!phone) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `must be an international number in E.164 form such as +14155550123 (got "${String(raw)}")`);
		}
		(options.body as IDataObject)[bodyPath] = phone;
		return options;
	};
}

/** preSend: the (resource-locator aware) parameter must be a UUID. */
export function requireUuid(parameter: string, label: string): PreSendAction {
	return preSendCheck(function () {
		const value = this.getNodeParameter(parameter, '', { extractValue: true }) as string;
		if (!isUuid(value)) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `must be a UUID such as 3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e (got "${String(value)}")`);
		}
	});
}

/** preSend: parse a JSON parameter and place it at `bodyPath`; names the field when invalid. */
export function jsonBodyField(parameter: string, label: string, bodyPath: string, expect: 'object' | 'array' = 'object'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const parsed = parseJsonValue(this.getNodeParameter(parameter, ''));
		if (!parsed.ok) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `is not valid JSON (${parsed.error})`);
		}
		if (parsed.value === undefined) return options;
		const isArray = Array.isArray(parsed.value);
		const matches = expect === 'array' ? isArray : typeof parsed.value === 'object' && parsed.value !== null && !isArray;
		if (!matches) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `must be a JSON ${expect}`);
		}
		options.body = { ...(options.body as IDataObject), [bodyPath]: parsed.value };
		return options;
	};
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
