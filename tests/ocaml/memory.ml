(* memory.ml: an allocation-heavy run (binary trees) that must leave the C heap where it started: no leak in the runtime's use of malloc. *)

type tree = Leaf | Node of tree * tree

let rec make depth = if depth = 0 then Node (Leaf, Leaf) else Node (make (depth - 1), make (depth - 1))
let rec check = function Leaf -> 0 | Node (l, r) -> 1 + check l + check r

(* The tolerance on the heap's live bytes after the run, compacted, against
   the baseline. What may legitimately stay: the OCaml heap after Gc.compact
   keeps its live data plus a free-space margin (space_overhead), and the
   runtime's page table grew with the heap and never shrinks (about 250 KiB
   after this run). 1 MiB is far below what a leak of the run's garbage
   (gigabytes allocated, a peak of about 45 MiB) would leave behind. *)
let tolerance_bytes = 1024 * 1024

let binary_trees max_depth =
  let long_lived = make max_depth in
  let total = ref 0 in
  let depth = ref 4 in
  while !depth <= max_depth do
    let iterations = 1 lsl (max_depth - !depth + 4) in
    for _ = 1 to iterations do
      total := !total + check (make !depth)
    done;
    Printf.printf "%d trees of depth %d\n" iterations !depth;
    depth := !depth + 2
  done;
  (check long_lived, !total)

(* Big strings and Bigarrays are allocated with malloc outside the OCaml
   heap's chunks and freed by the GC (Bigarray by finalisation). *)
let outside_the_heap () =
  let keep = ref [] in
  for i = 1 to 200 do
    let b = Bigarray.Array1.create Bigarray.char Bigarray.c_layout (65536 + i) in
    Bigarray.Array1.fill b 'x';
    if i mod 50 = 0 then keep := b :: !keep
  done;
  List.length !keep

let compacted_stats () =
  Gc.full_major ();
  Gc.compact ();
  Solo5_os.Heap.stats ()

let print_stats label (s : Solo5_os.Heap.stats) =
  Printf.printf "%s: region %d, in use %d in %d blocks, free %d in %d blocks (largest %d), peak %d\n" label
    s.region_size s.in_use_bytes s.live_blocks s.free_bytes s.free_blocks s.largest_free_bytes
    s.peak_in_use_bytes

let () =
  let baseline = compacted_stats () in
  print_stats "baseline" baseline;
  let long_lived, total = binary_trees 18 in
  Printf.printf "long lived tree: %d nodes; %d nodes checked\n" long_lived total;
  let kept = outside_the_heap () in
  Printf.printf "kept %d bigarrays\n" kept;
  let busy = Solo5_os.Heap.stats () in
  print_stats "after the run" busy;
  let final = compacted_stats () in
  print_stats "compacted" final;
  let grown = final.in_use_bytes - baseline.in_use_bytes in
  Printf.printf "live bytes grew by %d (tolerance %d); peak was %d above the baseline\n" grown tolerance_bytes
    (final.peak_in_use_bytes - baseline.in_use_bytes);
  let failures = ref [] in
  let expect what ok = if not ok then failures := what :: !failures in
  expect "the run used the heap (peak well above the baseline)"
    (final.peak_in_use_bytes > baseline.in_use_bytes + 4 * tolerance_bytes);
  expect "live bytes returned near the baseline" (grown <= tolerance_bytes);
  expect "the counters add up"
    (final.in_use_bytes + final.free_bytes + final.overhead_bytes = final.region_size);
  expect "no allocation failed" (final.failed_allocations = 0);
  (* Compaction frees the old heap chunks: their space must merge back into
     a few large blocks, not stay in pieces. *)
  expect "free space merged back into a few blocks" (final.free_blocks <= 16);
  (match Solo5_os.Heap.check () with
   | None -> ()
   | Some problem -> expect ("the heap is consistent: " ^ problem) false);
  match !failures with
  | [] -> print_endline "SUCCESS"
  | l ->
      List.iter (fun f -> Printf.printf "FAILURE: %s\n" f) (List.rev l);
      exit 1
