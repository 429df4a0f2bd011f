/** The hash of the reference data files last loaded completely (one row; migration 0010). */
export interface ReferenceLoadTable {
  id: number;
  digest: string;
  loaded_at: string;
}
