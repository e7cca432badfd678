import type { Endpoint, Field } from '../shared/schema';
import { schemaResource } from '../shared/schema';
import { TIMELY_PAGE_SIZE, timelyPaging, timelySpec } from './api';

export type { Endpoint, Field, PathParam } from '../shared/schema';

/** A Timely AI resource generated from its documented endpoints. */
export function timelyResource(resource: string, endpoints: Endpoint[]) {
	return schemaResource({ spec: timelySpec, paging: timelyPaging, pageSize: TIMELY_PAGE_SIZE }, resource, endpoints);
}

/** Query filters most Timely lists share. */
export const sortAndOrder = (sort?: readonly string[], search = false): Field[] => [
	...(sort ? [{ key: 'sort', label: 'Sort By', type: 'options' as const, options: sort }] : []),
	{ key: 'order', label: 'Order', type: 'options', options: ['desc', 'asc'] },
	...(search ? [{ key: 'search', label: 'Search', type: 'string' as const, description: 'Partial, case-insensitive match' }] : []),
];
