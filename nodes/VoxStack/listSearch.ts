import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { apiList } from '../shared/transport';
import { VOXSTACK_CREDENTIAL, VOXSTACK_PAGE_SIZE, apiBaseUrl, voxStackSpec } from './api';

async function list(this: ILoadOptionsFunctions, url: string, qs: IDataObject): Promise<IDataObject[]> {
	const credentials = await this.getCredentials(VOXSTACK_CREDENTIAL);
	return (await apiList.call(this, voxStackSpec, VOXSTACK_CREDENTIAL, apiBaseUrl(credentials), { method: 'GET', url, qs })).records;
}

const matches = (filter: string | undefined, ...values: unknown[]) =>
	!filter || values.some((v) => String(v ?? '').toLowerCase().includes(filter.toLowerCase()));

async function search(
	context: ILoadOptionsFunctions,
	url: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const page = await list.call(context, url, { limit: VOXSTACK_PAGE_SIZE, offset });
	return {
		results: page.filter((r) => matches(filter, label(r), r.id)).map((r) => ({ name: label(r), value: String(r.id) })),
		paginationToken: page.length === VOXSTACK_PAGE_SIZE ? String(offset + VOXSTACK_PAGE_SIZE) : undefined,
	};
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/agents', (a) => `${String(a.name)}${a.enabled === false ? ' (disabled)' : ''}`, filter, token);
}

export async function searchTasks(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/tasks', (t) => `${String(t.name)} → ${String(t.to_number)} (${String(t.status)})`, filter, token);
}

export async function searchCalls(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/calls', (c) => `${String(c.to_number)} · ${String(c.status)} · ${String(c.created_at ?? '').slice(0, 16).replace('T', ' ')}`, filter, token);
}

/** Pending tasks for the trigger's "Attach to Tasks" option (only pending tasks can be changed). */
export async function getPendingTasks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tasks = await list.call(this, '/tasks', { status: 'pending', limit: VOXSTACK_PAGE_SIZE, offset: 0 });
	return tasks.map((t) => ({ name: `${String(t.name)} → ${String(t.to_number)}`, value: String(t.id) }));
}

/** Agents and tasks for the Live Transcript Trigger's scope pickers. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await list.call(this, '/agents', { limit: VOXSTACK_PAGE_SIZE, offset: 0 });
	return agents.map((a) => ({ name: String(a.name), value: String(a.id) }));
}

export async function getTasks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tasks = await list.call(this, '/tasks', { limit: VOXSTACK_PAGE_SIZE, offset: 0 });
	return tasks.map((t) => ({ name: `${String(t.name)} → ${String(t.to_number)} (${String(t.status)})`, value: String(t.id) }));
}
