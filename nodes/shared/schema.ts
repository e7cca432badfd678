import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import { filtersCollection, resourcePicker, returnAllAndLimit, sortedByName } from './descriptions';
import type { Paging } from './pagination';
import type { OperationDefinition } from './routing';
import { fillPlaceholder, operation, operationsOf } from './routing';
import type { ProviderSpec } from './transport';
import { inputError, isUuid, parseJsonValue, pathSegment, readList } from './validators';

/**
 * Endpoints described as data: each field carries the constraints from the provider's API
 * document, and one generator turns them into editor fields, request building and checks
 * that fail before sending, naming the field and the item. Used where a provider has many
 * regular endpoints (Timely AI, raia).
 */
export type FieldType = 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'options' | 'list' | 'json' | 'jsonArray' | 'jsonText' | 'uuid' | 'email' | 'url' | 'dateTime';

export interface Field {
	key: string;
	label: string;
	/** `jsonText`: a JSON object the API takes as a string (e.g. a JSON schema). */
	type: FieldType;
	/** Always sent, from its own editor field (create and update alike). */
	required?: boolean;
	/** A required list that may be empty: sent as [] (the API needs the key, not a value). */
	allowEmpty?: boolean;
	/** Editor default, where the type's default does not fit. */
	default?: string;
	/** Length for strings, value range for numbers. */
	min?: number;
	max?: number;
	options?: readonly string[];
	/** Extra format check for strings, with a human description of it. */
	pattern?: { regex: RegExp; hint: string };
	/** Documented as nullable: empty text, the None (Clear) choice, JSON `null` or `null` from an expression is sent as null, which clears it. */
	nullable?: boolean;
	description?: string;
	placeholder?: string;
	/** Searchable picker for uuid fields (a listSearch method). */
	picker?: string;
	/** Further checks on the parsed value; returns a problem, or undefined when fine. */
	check?: (value: unknown) => string | undefined;
	/** A field that applies only when another top-level parameter has one of these values: shown only then, and sent only then. */
	when?: { param: string; values: string[] };
}

export interface PathParam {
	name: string;
	label: string;
	picker?: string;
	/** IDs are UUIDs unless the API documents plain strings. */
	format?: 'uuid' | 'string';
}

export interface Endpoint {
	value: string;
	name: string;
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path with `{param}` placeholders matching `params`. */
	path: string;
	params?: PathParam[];
	/** Required fields on their own, the rest under Additional Fields (create) or Update Fields (update: at least one unless a field is required). */
	body?: { mode: 'create' | 'update'; fields: Field[] };
	/** Optional query filters; list endpoints get Return All / Limit. */
	query?: Field[];
	list?: boolean;
	/** Whether the list pages (`page`/`limit`); otherwise it returns everything at once. */
	paged?: boolean;
	postReceive?: PostReceiveAction[];
	request?: IDataObject;
	extraFields?: INodeProperties[];
	/** Rules across fields of the body: [field label, problem] when broken. */
	bodyRule?: (body: IDataObject) => [string, string] | undefined;
	/** Replaces the standard executor (e.g. send, then poll for the answer). */
	execute?: OperationDefinition['execute'];
	/** Steps after the generated request building (e.g. a file body). */
	preSend?: PreSendAction[];
	/** Output when the API answers without content (see OperationDefinition.empty). */
	empty?: IDataObject;
}

/** What the generator needs to know about the provider. */
export interface SchemaProvider {
	spec: ProviderSpec;
	paging: Paging;
	pageSize: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const human = (value: string) => value.replace(/[-_.]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()).replace(/\bAi\b/, 'AI').replace(/\bGpt\b/i, 'GPT');

function optionList(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: human(value), value }));
}

/** The editor field for one API field. */
function editorField(field: Field, name = field.key): INodeProperties {
	const description = field.nullable ? [field.description, `${field.type === 'options' ? 'None (Clear)' : field.type === 'json' ? 'null' : 'Empty'} clears the value`].filter(Boolean).join('. ') : field.description;
	const base = { displayName: field.label, name, description, placeholder: field.placeholder };
	switch (field.type) {
		case 'text':
			return { ...base, type: 'string', typeOptions: { rows: 4 }, default: '' };
		case 'integer':
		case 'number':
			return {
				...base,
				type: 'number',
				typeOptions: { minValue: field.min, maxValue: field.max, numberPrecision: field.type === 'integer' ? 0 : 2 },
				default: field.min && field.min > 0 ? field.min : 0,
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'options':
			// A nullable choice gets an explicit way to clear it (sent as null).
			return { ...base, type: 'options', options: [...optionList(field.options ?? []), ...(field.nullable ? [{ name: 'None (Clear)', value: '' }] : [])], default: field.options?.[0] ?? '' };
		case 'list':
			return { ...base, type: 'string', default: '', description: `${base.description ? `${base.description}. ` : ''}Comma-separated, or an array from an expression.` };
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		case 'jsonText':
			return { ...base, type: 'json', default: field.default ?? '{}' };
		case 'jsonArray':
			return { ...base, type: 'json', default: '[]' };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'uuid':
			if (field.picker) return { ...resourcePicker(name, field.label, field.picker), required: field.required ?? false, description: field.description };
			return { ...base, type: 'string', default: '' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

/** Checks one value against its field's constraints; returns what to send. */
export function checkValue(context: IExecuteSingleFunctions, field: Field, raw: unknown): unknown {
	const fail = (problem: string) => inputError(context.getNode(), context.getItemIndex(), field.label, problem);
	let value = raw && typeof raw === 'object' && '__rl' in (raw as IDataObject) ? (raw as IDataObject).value : raw;
	if (field.type === 'list' && field.allowEmpty && (value === '' || value === undefined || value === null)) return [];
	if (value === '' || value === undefined || value === null) {
		if (field.required) throw fail('is required');
		return field.nullable ? null : undefined;
	}
	switch (field.type) {
		case 'integer':
		case 'number': {
			const n = Number(value);
			if (!Number.isFinite(n)) throw fail(`must be a number (got "${String(value)}")`);
			if (field.type === 'integer' && !Number.isInteger(n)) throw fail(`must be a whole number (got ${n})`);
			if (field.min !== undefined && n < field.min) throw fail(`must be at least ${field.min} (got ${n})`);
			if (field.max !== undefined && n > field.max) throw fail(`must be at most ${field.max} (got ${n})`);
			return n;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			throw fail(`must be true or false (got "${String(value)}")`);
		case 'options':
			if (!field.options?.includes(String(value))) throw fail(`must be one of ${field.options?.join(', ')} (got "${String(value)}")`);
			return String(value);
		case 'list':
			return readList(context.getNode(), context.getItemIndex(), field.label, value) ?? (field.nullable ? null : field.allowEmpty ? [] : undefined);
		case 'json':
		case 'jsonArray': {
			const parsed = parseJsonValue(value);
			if (!parsed.ok) throw fail(`is not valid JSON (${parsed.error})`);
			if (parsed.value === null && field.nullable) return null;
			const isArray = Array.isArray(parsed.value);
			if (field.type === 'jsonArray' ? !isArray : typeof parsed.value !== 'object' || parsed.value === null || isArray) {
				throw fail(`must be a JSON ${field.type === 'jsonArray' ? 'array' : 'object'}`);
			}
			const problem = field.check?.(parsed.value);
			if (problem) throw fail(problem);
			return parsed.value;
		}
		case 'jsonText': {
			const parsed = parseJsonValue(value);
			if (!parsed.ok) throw fail(`is not valid JSON (${parsed.error})`);
			if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) throw fail('must be a JSON object');
			return typeof value === 'string' ? value.trim() : JSON.stringify(value);
		}
		case 'uuid':
			if (!isUuid(String(value))) throw fail(`must be a UUID (got "${String(value)}")`);
			return String(value);
		case 'dateTime': {
			const time = Date.parse(String(value));
			if (Number.isNaN(time)) throw fail(`is not a date (got "${String(value)}")`);
			return new Date(time).toISOString();
		}
		default: {
			value = String(value);
			const text = value as string;
			if (field.required && !text.trim()) throw fail('is required');
			if (field.min !== undefined && text.length < field.min) throw fail(`must be at least ${field.min} characters long`);
			if (field.max !== undefined && text.length > field.max) throw fail(`must be at most ${field.max} characters long (got ${text.length})`);
			if (field.type === 'email' && !EMAIL.test(text)) throw fail(`must be an email address (got "${text}")`);
			// Documented as "uri": any absolute URL; narrower rules (https only) come as a field pattern.
			if (field.type === 'url' && !URL.canParse(text)) throw fail(`must be an absolute URL (got "${text}")`);
			if (field.pattern && !field.pattern.regex.test(text)) throw fail(`must be ${field.pattern.hint} (got "${text}")`);
			return text;
		}
	}
}

/**
 * An endpoint with a body always sends a JSON object, `{}` when no field is filled in: the
 * documents mark these bodies as required, and n8n's HTTP layer drops an empty object body,
 * so the empty one goes out as literal JSON text.
 */
export function setJsonBody(options: IHttpRequestOptions, body: IDataObject): void {
	if (Object.keys(body).length) {
		options.body = body;
		return;
	}
	options.body = '{}';
	options.headers = { ...options.headers, 'Content-Type': 'application/json' };
}

/** preSend: fills the path, and builds the body and query from the endpoint's fields. */
function buildRequest(endpoint: Endpoint) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		let url = endpoint.path;
		for (const param of endpoint.params ?? []) {
			const raw = this.getNodeParameter(param.name, '', { extractValue: true });
			const value = param.format === 'string' ? raw : checkValue(this, { key: param.name, label: param.label, type: 'uuid' }, typeof raw === 'string' ? raw.trim() : raw);
			url = fillPlaceholder(url, param.name, pathSegment(this.getNode(), this.getItemIndex(), param.label, value));
		}
		options.url = url;
		if (endpoint.body) {
			const body: IDataObject = {};
			const extra = endpoint.body.mode === 'create' ? 'additionalFields' : 'updateFields';
			const given = this.getNodeParameter(extra, {}) as IDataObject;
			for (const field of endpoint.body.fields) {
				const topLevel = field.required === true;
				if (field.when && !field.when.values.includes(String(this.getNodeParameter(field.when.param, '')))) continue;
				if (!topLevel && !(field.key in given)) continue;
				const value = checkValue(this, field, topLevel ? this.getNodeParameter(field.key, '', { extractValue: true }) : given[field.key]);
				if (value !== undefined) body[field.key] = value as IDataObject[string];
			}
			if (endpoint.body.mode === 'update' && Object.keys(body).length === 0) {
				throw inputError(this.getNode(), this.getItemIndex(), 'Update Fields', 'must include at least one field to change');
			}
			const broken = endpoint.bodyRule?.(body);
			if (broken) throw inputError(this.getNode(), this.getItemIndex(), broken[0], broken[1]);
			setJsonBody(options, body);
		}
		if (endpoint.query) {
			const filters = this.getNodeParameter('filters', {}) as IDataObject;
			for (const field of endpoint.query) {
				if (!(field.key in filters)) continue;
				const value = checkValue(this, field, filters[field.key]);
				// A list query parameter goes out as one comma-separated value.
				const sent = Array.isArray(value) ? value.join(',') : value;
				if (sent !== undefined && sent !== null && sent !== '') options.qs = { ...options.qs, [field.key]: sent as string };
			}
		}
		return options;
	};
}

/** Operation selector and fields of one resource, generated from its endpoints; `show` adds display conditions (e.g. the key type). */
export function schemaResource(
	provider: SchemaProvider,
	resource: string,
	endpoints: Endpoint[],
	show: Record<string, string[]> = {},
): { operations: INodeProperties; fields: INodeProperties[] } {
	const fields: INodeProperties[] = [];
	const on = (endpoint: Endpoint, extra: Record<string, string[]> = {}) => ({ show: { ...show, resource: [resource], operation: [endpoint.value], ...extra } });
	const options = endpoints.map((endpoint) => {
		for (const param of endpoint.params ?? []) {
			fields.push({
				...(param.picker
					? resourcePicker(param.name, param.label, param.picker, param.format === 'string' ? 'any' : 'uuid')
					: { displayName: param.label, name: param.name, type: 'string' as const, required: true, default: '', placeholder: '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e' }),
				displayOptions: on(endpoint),
			});
		}
		for (const field of endpoint.body?.fields.filter((f) => f.required) ?? []) {
			// A field shown by another field's value is checked at run time, not marked required:
			// when that field is an expression, n8n shows every dependent field and would refuse
			// to publish while any of them is empty.
			const description = field.when ? [field.description, `Required when ${field.when.param} is ${field.when.values.join(' or ')}`].filter(Boolean).join('. ') : field.description;
			fields.push({ ...editorField({ ...field, description }), required: !field.allowEmpty && !field.when, displayOptions: on(endpoint, field.when ? { [field.when.param]: field.when.values } : {}) });
		}
		const optional = endpoint.body ? endpoint.body.fields.filter((f) => !f.required) : [];
		if (optional.length) {
			fields.push({
				displayName: endpoint.body!.mode === 'create' ? 'Additional Fields' : 'Update Fields',
				name: endpoint.body!.mode === 'create' ? 'additionalFields' : 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: on(endpoint),
				options: sortedByName(optional.map((f) => ({ ...editorField(f), ...(f.when ? { displayOptions: { show: { [`/${f.when.param}`]: f.when.values } } } : {}) }))),
			});
		}
		if (endpoint.list) fields.push(...returnAllAndLimit(on(endpoint).show, provider.pageSize));
		if (endpoint.query?.length) {
			fields.push(filtersCollection(on(endpoint).show, sortedByName(endpoint.query.map((f) => editorField(f)))));
		}
		fields.push(...(endpoint.extraFields ?? []).map((f) => ({ ...f, displayOptions: on(endpoint, (f.displayOptions?.show ?? {}) as Record<string, string[]>) })));
		return operation(provider.spec, {
			name: endpoint.name,
			value: endpoint.value,
			action: endpoint.action,
			description: endpoint.description,
			method: endpoint.method,
			url: endpoint.path,
			preSend: [buildRequest(endpoint), ...(endpoint.preSend ?? [])],
			paging: endpoint.list ? (endpoint.paged === false ? { type: 'single' } : provider.paging) : undefined,
			postReceive: endpoint.postReceive,
			request: endpoint.request,
			execute: endpoint.execute,
			empty: endpoint.empty,
		});
	});
	return { operations: operationsOf(resource, endpoints[0].value, options, show), fields };
}
