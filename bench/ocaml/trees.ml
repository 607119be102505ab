(* trees.ml: the allocation-heavy benchmark: binary trees (allocate, walk and drop complete trees of growing depth beside one long-lived tree); the same source runs as a unikernel and natively. *)

type tree = Leaf | Node of tree * tree

let rec make depth = if depth = 0 then Node (Leaf, Leaf) else Node (make (depth - 1), make (depth - 1))
let rec count = function Leaf -> 0 | Node (l, r) -> 1 + count l + count r

let run max_depth =
  let stretch = max_depth + 1 in
  Printf.printf "stretch tree of depth %d: %d nodes\n" stretch (count (make stretch));
  let long_lived = make max_depth in
  let depth = ref 4 in
  while !depth <= max_depth do
    let iterations = 1 lsl (max_depth - !depth + 4) in
    let nodes = ref 0 in
    for _ = 1 to iterations do
      nodes := !nodes + count (make !depth)
    done;
    Printf.printf "%d trees of depth %d: %d nodes\n" iterations !depth !nodes;
    depth := !depth + 2
  done;
  Printf.printf "long-lived tree of depth %d: %d nodes\n" max_depth (count long_lived)

let () =
  let depth = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 18 in
  let stat = Gc.quick_stat () in
  run depth;
  let after = Gc.quick_stat () in
  Printf.printf "gc: %d minor, %d major collections, heap %d words at most\n"
    (after.minor_collections - stat.minor_collections) (after.major_collections - stat.major_collections)
    after.top_heap_words
