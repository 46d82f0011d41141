package dev.weft.examples.generators;

import dev.weft.generators.Generator;
import java.util.List;

/**
 * A recursive generator: an in-order walk of a binary tree, each subtree delegated to with
 * {@code yieldFrom}. Values cross the delegation in one hop however deep the tree is.
 */
public final class TreeWalk {
  private TreeWalk() {}

  record Node(Node left, int value, Node right) {}

  static Generator<Integer, Object, Void> inOrder(Node node) {
    return Generator.of(y -> {
      if (node == null) return;
      y.yieldFrom(inOrder(node.left()));
      y.yield(node.value());
      y.yieldFrom(inOrder(node.right()));
    });
  }

  static Node insert(Node node, int v) {
    if (node == null) return new Node(null, v, null);
    return v < node.value() ? new Node(insert(node.left(), v), node.value(), node.right())
        : new Node(node.left(), node.value(), insert(node.right(), v));
  }

  public static void main(String[] args) {
    Node root = null;
    for (int v : List.of(50, 30, 70, 20, 40, 60, 80, 35, 65)) root = insert(root, v);
    StringBuilder out = new StringBuilder("in order:");
    for (int v : inOrder(root)) out.append(' ').append(v);
    System.out.println(out);

    Node deep = null;
    for (int v = 0; v < 1000; v++) deep = insert(deep, v); // a 1,000-level degenerate tree
    long sum = 0;
    for (int v : inOrder(deep)) sum += v;
    System.out.println("sum over a 1,000-level tree: " + sum);
  }
}
