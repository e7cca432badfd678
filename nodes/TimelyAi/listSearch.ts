import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../shared/transport';
import { TIMELY_CREDENTIAL, timelySpec } from './api';

/** One page of a Timely list, searched server-side where the endpoint supports `search`. */
async function search(
	context: ILoadOptionsFunctions,
	url: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await context.getCredentials(TIMELY_CREDENTIAL);
	const page = Number(paginationToken ?? 1) || 1;
	// Without unwrapping: the picker needs the `pagination` envelope for its next page.
	const body = (await apiRequest.call(
		context,
		{ ...timelySpec, unwrap: undefined },
		TIMELY_CREDENTIAL,
		String(credentials.baseUrl).replace(/\/+$/, ''),
		{ method: 'GET', url, qs: { page, limit: 50, ...(filter ? { search: filter } : {}) } },
	)) as IDataObject;
	const records = (Array.isArray(body?.data) ? body.data : []) as IDataObject[];
	const pagination = (body?.pagination ?? {}) as IDataObject;
	return {
		results: records.map((r) => ({ name: label(r), value: String(r.id) })),
		paginationToken: Number(pagination.page) < Number(pagination.total_pages) ? String(page + 1) : undefined,
	};
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/agents', (a) => `${String(a.name)} (${String(a.status)})`, filter, token);
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/contacts', (c) => [c.customer_name, c.customer_email ?? c.customer_phone].filter(Boolean).join(' · '), filter, token);
}

export async function searchLeads(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/leads', (l) => `${String(l.customer_name)} (${String(l.status)})`, filter, token);
}

export async function searchConversations(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/conversations', (c) => [c.customer_name ?? 'Unknown', c.channel, c.status].filter(Boolean).join(' · '), filter, token);
}

export async function searchChannels(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/channels', (c) => `${String(c.name)} (${String(c.type)})`, filter, token);
}
