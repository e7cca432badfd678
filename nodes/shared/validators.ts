import type { IDataObject, IExecuteSingleFunctions, INode } from 'n8n-workflow';
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
