import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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
