import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest, readList } from '../shared/transport';
import { AGENT_KEY, RAIA_PAGE_SIZE, raiaBaseUrl, raiaSpec } from './api';

/** One record (it has an id, and no `data` list): the documented answer of a one-object endpoint. */
const isOneRecord = (body: unknown) => body !== null && typeof body === 'object' && !Array.isArray(body) && 'id' in body && !('data' in body);

async function page(
	context: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
	label: (r: IDataObject) => string,
	token?: string,
	options: { oneObject?: boolean } = {},
): Promise<INodeListSearchResult> {
	const credentials = await context.getCredentials(AGENT_KEY);
	const current = Number(token ?? 1) || 1;
	const body = await apiRequest.call(context, { ...raiaSpec, unwrap: undefined }, AGENT_KEY, raiaBaseUrl(credentials), { method: 'GET', url, qs: { ...qs, page: current, pageSize: RAIA_PAGE_SIZE } });
	// `oneObject`: the document answers this list with one object (a record, not a page), which
	// lists nothing here; any other shape without the list is an error.
	if (options.oneObject && isOneRecord(body)) return { results: [] };
	const records = readList(context.getNode(), raiaSpec, `GET ${url}`, body);
	return {
		results: records.map((r) => ({ name: label(r), value: String(r.id) })),
		paginationToken: (body as IDataObject | undefined)?.hasNextPage ? String(current + 1) : undefined,
	};
}

export async function searchConversations(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await page(this, '/external/conversations', filter ? { searchKeyword: filter } : {}, (c) => `${String(c.title ?? 'Untitled')} · ${String(c.createdAt ?? '').slice(0, 10)}`, token);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	// The OpenAPI answers the agent key's users list with the agent itself
	// (GetAgentByApiKeyResponseDTO): then there is nothing to pick, and a user ID can be typed.
	const result = await page(this, '/external/agents/users', {}, (u) => [`${String(u.firstName)} ${String(u.lastName)}`, u.email ?? u.phoneNumber].filter(Boolean).join(' · '), token, { oneObject: true });
	// The users list has no search parameter: filter the page here.
	if (filter) result.results = result.results.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase()));
	return result;
}

export async function searchAgentFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(AGENT_KEY);
	const body = await apiRequest.call(this, raiaSpec, AGENT_KEY, raiaBaseUrl(credentials), { method: 'GET', url: '/external/agent-files/by-api-key' });
	// The document describes one file object; servers answer with a list. Take either.
	const files = (Array.isArray(body) ? body : body && typeof body === 'object' && 'id' in body ? [body] : []) as IDataObject[];
	const results = files.map((f) => ({ name: `${String(f.fileName ?? f.id)}${f.vectorStoreUploadStatus ? ` (${String(f.vectorStoreUploadStatus)})` : ''}`, value: String(f.id) }));
	return { results: filter ? results.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())) : results };
}
