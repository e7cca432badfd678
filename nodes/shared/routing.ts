import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IDisplayOptions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	INodeExecutionData,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson, finishError } from './errors';
import type { Paging } from './pagination';
import { checkAnswerDepth } from './answers';
import { inputError, isUuid, pathIdProblem, pathSegment } from './validators';
import type { ProviderSpec } from './transport';
import { checkResponse, routedRequest } from './transport';
import type { Redact } from './security';
import { redactDeep, redactItems, redactorOf } from './security';

export interface OperationDefinition {
	name: string;
	value: string;
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path relative to the Base URL; may be an n8n expression. */
	url: string;
	/** List operations: how the endpoint pages (Return All / Limit come from the node). */
	paging?: Paging;
	/** Checks and body shaping that must pass before anything is sent. */
	preSend?: PreSendAction[];
	/** Steps after the shared error check (e.g. binary output); implies raw output. */
	postReceive?: PostReceiveAction[];
	/** Extra request options (headers, encoding, a fixed body). */
	request?: IDataObject;
	/** Replaces the standard executor (e.g. chunked bulk requests). */
	execute?: ReturnType<typeof routedRequest>;
	/** Output when the API answers without content (default `{ success: true }` / `{ deleted: true }`, with the ID). */
	empty?: IDataObject;
}

type Executor = ReturnType<typeof routedRequest>;

/** One redactor per node run (its items share the execute data), so credentials are read once. */
const redactors = new WeakMap<object, Promise<Redact>>();

function redactorForRun(context: IExecuteSingleFunctions): Promise<Redact> {
	const run = context.getExecuteData?.();
	if (!run) return redactorOf(context);
	let redactor = redactors.get(run);
	if (!redactor) {
		redactor = redactorOf(context);
		redactors.set(run, redactor);
	}
	return redactor;
}

/** preSend checks run inside the engine's own error handling; they still get the shared last touch. */
function finishingPreSend(action: PreSendAction): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		try {
			return await action.call(this, options);
		} catch (error) {
			throw redactDeep(finishError(this, error), await redactorForRun(this));
		}
	};
}

/**
 * Around every executor: the credential's secrets are redacted from what it outputs or throws
 * (a provider may echo a key in an answer or an error), errors get the shared last touch, and
 * with Continue On Fail a failed request becomes an item that keeps the provider's detail
 * (n8n's own handling keeps only the message).
 */
function finishing(execute: Executor): Executor {
	return async function (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		try {
			return redactItems(await execute.call(this, requestData), await redactorForRun(this));
		} catch (caught) {
			const error = redactDeep(finishError(this, caught), await redactorForRun(this));
			if ((error instanceof NodeApiError || error instanceof NodeOperationError) && this.continueOnFail()) {
				// n8n 1.x sends an item to the error output only when `error` and `message` are its
				// sole keys (2.x also allows `details`): there the detail travels as `message`.
				const json = errorItemJson(error, this.getNode().onError === 'continueErrorOutput');
				return [{ json, pairedItem: { item: this.getItemIndex() } }];
			}
			throw error;
		}
	};
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const templates = new Map<string, { shape: RegExp; names: string[] }>();

/** A URL template as a regular expression with one group per `{name}` (compiled once per template). */
function compiledTemplate(template: string): { shape: RegExp; names: string[] } {
	let compiled = templates.get(template);
	if (!compiled) {
		const names: string[] = [];
		const source = template
			.split(/(\{\w+\})/)
			.map((part) => {
				const placeholder = /^\{(\w+)\}$/.exec(part);
				if (!placeholder) return escapeRegex(part);
				names.push(placeholder[1]);
				return '([^/?#]*)';
			})
			.join('');
		compiled = { shape: new RegExp(`^${source}$`), names };
		templates.set(template, compiled);
	}
	return compiled;
}

/**
 * Why a filled-in URL does not have the shape of its template (`/leads/{leadId}/status`), or
 * undefined when it does: one segment per placeholder, filled and safe, and no query or fragment.
 */
export function pathShapeProblem(template: string, url: string): string | undefined {
	const { shape, names } = compiledTemplate(template);
	const match = shape.exec(url);
	if (!match) return `the request path ${JSON.stringify(url.slice(0, 200))} does not have the shape of ${template}`;
	for (const [index, segment] of match.slice(1).entries()) {
		if (/[{}]/.test(segment)) return `{${names[index]}} in ${template} was not filled in`;
		const problem = pathIdProblem(segment);
		if (problem) return `{${names[index]}} ${problem}`;
	}
	return undefined;
}

/**
 * Around every executor: the last check before anything is sent, whoever filled the path (a
 * shared preSend or an operation's own), so no ID can point the request at another endpoint;
 * and the first check after, so no answer too deep for n8n to store reaches the items.
 */
function guarded(spec: ProviderSpec, execute: Executor, template: string): Executor {
	const fixedTemplate = !template.startsWith('=');
	return async function (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		const problem = fixedTemplate ? pathShapeProblem(template, String(requestData.options.url ?? '')) : undefined;
		if (problem) throw new NodeOperationError(this.getNode(), `Not sent: ${problem} [item ${this.getItemIndex()}]`, { itemIndex: this.getItemIndex() });
		const items = await execute.call(this, requestData);
		checkAnswerDepth(this.getNode(), spec.name, items.map((item) => item.json), this.getItemIndex());
		return items;
	};
}

/**
 * Builds one operation option. Every operation goes through the same path: preSend checks →
 * n8n's routing engine → the shared executor (retry, paging, unwrapping) → the shared error
 * check as first postReceive step. `send.paginate` is what makes the engine call our executor.
 */
export function operation(spec: ProviderSpec, definition: OperationDefinition): INodePropertyOptions {
	const raw = definition.postReceive !== undefined;
	return {
		name: definition.name,
		value: definition.value,
		action: definition.action,
		description: definition.description,
		routing: {
			request: { method: definition.method, url: definition.url, ...definition.request },
			send: { paginate: true, preSend: (definition.preSend ?? []).map(finishingPreSend) },
			operations: {
				pagination: finishing(guarded(spec, definition.execute ?? routedRequest(spec, { paging: definition.paging, raw, path: definition.url, empty: definition.empty }), definition.url)),
			},
			output: { postReceive: [checkResponse(spec), ...(definition.postReceive ?? [])] },
		},
	};
}

/** Fills `{name}` in a URL template with an already encoded segment (a function, so `$&` in an ID stays literal). */
export function fillPlaceholder(url: string, name: string, segment: string): string {
	return url.replace(`{${name}}`, () => segment);
}

/**
 * preSend: fills `{parameter}` in the URL from a (resource-locator aware) parameter, as one
 * encoded path segment, after checking it is present, safe in a path (see `pathSegment`) and a
 * UUID when asked, so bad IDs fail before sending.
 */
export function pathParameter(parameter: string, label: string, format?: 'uuid'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const value = String(this.getNodeParameter(parameter, '', { extractValue: true }) ?? '').trim();
		if (value && format === 'uuid' && !isUuid(value)) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `must be a UUID (got ${JSON.stringify(value)})`);
		}
		options.url = fillPlaceholder(String(options.url), parameter, pathSegment(this.getNode(), this.getItemIndex(), label, value));
		return options;
	};
}

/** The Operation selector of one resource (`show` adds conditions, e.g. the API surface). */
export function operationsOf(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
	show: IDisplayOptions['show'] = {},
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...show, resource: [resource] } },
		default: defaultOperation,
		options,
	};
}
