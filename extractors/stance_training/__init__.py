"""Training data, config and scripts for the stance text classifier.

``build_data`` turns the written sentences, article-benchmark sentences and the build set's
gold stances into ``data/stance.jsonl``; ``train`` trains the spaCy ``textcat`` from
``config.cfg`` and ships it to ``extractors/data/stance_model``; ``crossval`` measures it by
k-fold cross-validation and picks the decision thresholds.
"""
