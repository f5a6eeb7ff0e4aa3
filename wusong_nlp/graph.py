"""PLACEHOLDER (being written): the goal-programme graph."""
from __future__ import annotations
import networkx as nx
def build_graph(analysis):
    return nx.MultiDiGraph()
def graph_to_node_link(g):
    return nx.node_link_data(g, edges="links")
