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
import { inputError, isUuid } from './validators';
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
				pagination: finishing(definition.execute ?? routedRequest(spec, { paging: definition.paging, raw, path: definition.url, empty: definition.empty })),
			},
			output: { postReceive: [checkResponse(spec), ...(definition.postReceive ?? [])] },
		},
	};
}

/**
 * preSend: fills `{parameter}` in the URL from a (resource-locator aware) parameter, URL-encoded,
 * after checking it is present (and a UUID when asked), so bad ids fail before sending.
 */
export function pathParameter(parameter: string, label: string, format?: 'uuid'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const value = String(this.getNodeParameter(parameter, '', { extractValue: true }) ?? '').trim();
		if (!value) throw inputError(this.getNode(), this.getItemIndex(), label, 'is required');
		if (format === 'uuid' && !isUuid(value)) {
			throw inputError(this.getNode(), this.getItemIndex(), label, `must be a UUID (got "${value}")`);
		}
		options.url = String(options.url).replace(`{${parameter}}`, encodeURIComponent(value));
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
