/*
 * unreachable.c
 *	  For the libFuzzer target (inprocess.c): server functions that the
 *	  linked files reference only from aggregates, window, set-returning and
 *	  jsonb functions, which the target never calls.  Reaching one aborts.
 *	  No PostgreSQL header here: only the names matter to the linker.
 */
#include <stdlib.h>

#define UNREACHABLE(name) void name(void); void name(void) { abort(); }
UNREACHABLE(AggCheckCallContext)
UNREACHABLE(AllocSetContextCreateInternal)
UNREACHABLE(CreateTupleDescCopy)
UNREACHABLE(DatumGetEOHP)
UNREACHABLE(DirectFunctionCall1Coll)
UNREACHABLE(EOH_init_header)
UNREACHABLE(construct_array)
UNREACHABLE(deconstruct_array)
UNREACHABLE(get_call_result_type)
UNREACHABLE(hash_create)
UNREACHABLE(hash_get_num_entries)
UNREACHABLE(hash_search)
UNREACHABLE(hash_seq_init)
UNREACHABLE(hash_seq_search)
UNREACHABLE(heap_form_tuple)
UNREACHABLE(HeapTupleHeaderGetDatum)
UNREACHABLE(BlessTupleDesc)
UNREACHABLE(jsonb_in)
UNREACHABLE(MemoryContextDelete)
UNREACHABLE(MemoryContextRegisterResetCallback)
UNREACHABLE(WinGetFuncArgCurrent)
UNREACHABLE(WinGetFuncArgInPartition)
UNREACHABLE(WinGetPartitionLocalMemory)
UNREACHABLE(WinGetPartitionRowCount)
UNREACHABLE(GetDatabaseEncodingName)
UNREACHABLE(tuplestore_begin_heap)
UNREACHABLE(tuplestore_putvalues)

int			work_mem = 4096;

