{%- extends 'nbgrader/gradebook_notebook_submissions.tpl' -%}
{#- Red School: values through desk.js (base.tpl); the button is wired in desk.js, not onclick. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_notebook_submissions.js"></script>
{%- endblock head -%}
{%- block messages -%}
<button id="toggle_names">Show All Names</button>
{%- endblock -%}
