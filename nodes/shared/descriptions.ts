import type { IDisplayOptions, INodeProperties, IWebhookDescription } from 'n8n-workflow';

/** Return All + Limit for a list operation; the shared executor reads both. */
export function returnAllAndLimit(show: IDisplayOptions['show'], maxPageSize: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `Fetched in pages of up to ${maxPageSize}`,
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Request defaults every declarative node shares: Base URL from the credential, JSON, and
 * error statuses passed on to the shared error check instead of thrown by the engine. */
export const declarativeRequestDefaults = {
	baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
	headers: { Accept: 'application/json' },
	json: true,
	ignoreHttpStatusErrors: true,
};

/** A repeatable name/value input, read back with `pairsToObject`. */
export function keyValuePairs(options: {
	displayName: string;
	name: string;
	entryName: string;
	keyLabel?: string;
	keyPlaceholder?: string;
	description?: string;
	displayOptions?: IDisplayOptions;
}): INodeProperties {
	const keyName = options.keyLabel === 'Key' ? 'key' : 'name';
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${options.entryName}`,
		default: {},
		description: options.description,
		displayOptions: options.displayOptions,
		options: [
			{
				displayName: options.entryName,
				name: options.entryName.toLowerCase(),
				values: [
					{ displayName: options.keyLabel ?? 'Name', name: keyName, type: 'string', default: '', placeholder: options.keyPlaceholder },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** Turns key/value entries into an object, skipping blank names. */
export function pairsToObject(entries: unknown, keyName = 'name'): Record<string, unknown> {
	const list = Array.isArray(entries) ? (entries as Array<Record<string, unknown>>) : [];
	return Object.fromEntries(
		list.filter((e) => String(e[keyName] ?? '').trim()).map((e) => [String(e[keyName]).trim(), e.value]),
	);
}

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A searchable picker (list mode backed by `methods.listSearch[searchListMethod]`) or an ID. */
export function resourcePicker(name: string, displayName: string, searchListMethod: string, idFormat: 'uuid' | 'any' = 'uuid'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idFormat === 'uuid' ? '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e' : 'ID',
				validation:
					idFormat === 'uuid' ? [{ type: 'regex', properties: { regex: UUID_REGEX, errorMessage: 'Not a valid ID (UUID)' } }] : [],
			},
		],
	};
}

/** Collection options in the alphabetical order n8n's editor conventions expect. */
export function sortedByName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The optional Filters collection of a list operation. */
export function filtersCollection(show: IDisplayOptions['show'], options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** Selected events (a multi-select, or an array or comma list from an expression) plus any typed in (comma- or space-separated), without duplicates. */
export function eventList(selected: unknown, custom: unknown): string[] {
	const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : []);
	return [...new Set([...names(selected), ...names(custom)].map((e) => e.trim()).filter(Boolean))];
}

/** Free entry for event names a trigger's list does not know yet. */
export function otherEventsField(placeholder: string): INodeProperties {
	return {
		displayName: 'Other Events',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder,
		description: 'Further event names, comma-separated, for events not in the list',
	};
}

/**
 * Trigger node versions. 1.1 changes nothing in the node: n8n evaluates a Webhook-v1 option
 * expression (`options.binaryData`) on every delivery to any webhook node of version 1, which
 * costs an expression-isolate round trip per event; from 1.1 on it skips that.
 */
export const TRIGGER_VERSIONS = [1, 1.1];

/**
 * The one webhook every trigger serves. `responseData: 'noData'` answers an accepted delivery
 * with an empty 200: left unset, n8n falls back to `firstEntryJson` and, for an `onReceived`
 * webhook, sends that word verbatim as the response body.
 */
export function triggerWebhook(path: string): IWebhookDescription {
	return { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path };
}
